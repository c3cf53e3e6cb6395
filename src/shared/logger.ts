import type { Clock } from './clock';

/** Log levels, least to most severe. `LOG_LEVEL` picks the lowest one written. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Flat fields of one record: ids, counts, codes. Never tokens, secrets or whole audit bodies. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * A structured logger: one JSON object per line, as CloudWatch Logs Insights reads them. Satisfies the SNS
 * adapter's `PublisherLog`.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every record (e.g. the Lambda request id). */
  child(fields: LogFields): Logger;
}

/** Options of `createLogger`; everything has a default. */
export interface LoggerOptions {
  /** Records below this level are dropped. Default `info`. */
  readonly level?: LogLevel;
  /** Fields on every record. */
  readonly fields?: LogFields;
  /** Where a line goes (without its newline). Default: standard output, which Lambda sends to CloudWatch. */
  readonly write?: ((line: string) => void) | undefined;
  /** Stamps `time` on each record when given; tests leave it out or pin it. */
  readonly clock?: Clock | undefined;
}

const rank: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

const stdoutLine = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * Creates a JSON-lines logger. The record is `{level, time?, message, ...fields}`; `level` and `message` are
 * never overwritten by a field. Values that JSON cannot hold (a BigInt, a cycle) never make logging throw.
 *
 * @example
 * const log = createLogger({ level: 'info', clock: systemClock }).child({ requestId: 'c0ffee' });
 * log.info('findings published', { findings: 3, ruleIds: ['rbac-change'] });
 * // {"level":"info","time":"2026-11-20T14:01:07.000Z","message":"findings published","requestId":"c0ffee",...}
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = rank[options.level ?? 'info'];
  const write = options.write ?? stdoutLine;
  const base = options.fields ?? {};
  const at =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}): void => {
      if (rank[level] < threshold) return;
      const time = options.clock ? { time: options.clock().toISOString() } : {};
      write(serialise({ ...base, ...fields, level, ...time, message }));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** A logger that drops everything: for benchmarks and callers that do not care. */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });

/** `level` and `message` first, so a person reading raw lines sees them at once. */
function serialise(record: Record<string, unknown>): string {
  const { level, time, message, ...rest } = record;
  const ordered = { level, ...(time !== undefined ? { time } : {}), message, ...rest };
  try {
    return JSON.stringify(ordered, (_key, value) => (typeof value === 'bigint' ? String(value) : value));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ level, message, logError: `fields could not be serialised: ${why}` });
  }
}
