import { terminalSafe } from '../notify/terminal/text';
import type { LogFields, Logger, LogLevel } from '../shared/logger';

const rank: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * A `Logger` for a person at a terminal: one readable line per record (`warn: event skipped: where=
 * audit.jsonl:3 reason=malformed-json ...`) instead of JSON, at `level` and above. The pipeline code logs the
 * same records as on Lambda; only the rendering differs. Values go through `terminalSafe`, since a detail can
 * quote an event's field names.
 *
 * @example
 * const log = terminalLogger((line) => process.stderr.write(line), 'warn');
 * log.warn('event skipped', { where: 'audit.jsonl:3', reason: 'malformed-json' });
 * // warn: event skipped: where=audit.jsonl:3 reason=malformed-json
 */
export function terminalLogger(write: (line: string) => void, level: LogLevel, base: LogFields = {}): Logger {
  const at =
    (recordLevel: LogLevel) =>
    (message: string, fields: LogFields = {}): void => {
      if (rank[recordLevel] < rank[level]) return;
      const pairs = Object.entries({ ...base, ...fields })
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${terminalSafe(typeof value === 'string' ? value : safeJson(value))}`);
      write(`${recordLevel}: ${terminalSafe(message)}${pairs.length > 0 ? `: ${pairs.join(' ')}` : ''}\n`);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => terminalLogger(write, level, { ...base, ...fields }),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
