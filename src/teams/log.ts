import type { ILogger } from '@microsoft/teams.common';
import { describeError } from '../shared/errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured log lines: an event name and a few ids. Never tokens, secrets or whole activity bodies. */
export interface TeamsLog {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const rank: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * One JSON object per line (what CloudWatch Logs Insights reads), at `level` and above.
 *
 * @example
 * const log = jsonLog('info');
 * log.info('teams.installed', { teamsConversation: '19:abc@thread.tacv2' });
 * // {"level":"info","event":"teams.installed","teamsConversation":"19:abc@thread.tacv2"}
 */
export function jsonLog(
  level: LogLevel,
  write: (line: string) => void = (line) => console.log(line),
): TeamsLog {
  const at =
    (lineLevel: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      if (rank[lineLevel] < rank[level]) return;
      write(JSON.stringify({ level: lineLevel, event, ...fields }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * The Teams SDK's logger interface over our log. The SDK logs whole activities at debug level and HTTP error
 * bodies at error level; only the message text and error descriptions are kept here, so nothing a user typed
 * (or a token) reaches the logs through the SDK.
 *
 * @example
 * new App({ logger: sdkLogger(log), ... });
 */
export function sdkLogger(log: TeamsLog, name = 'teams-sdk'): ILogger {
  const forward =
    (level: LogLevel) =>
    (...messages: unknown[]): void => {
      const text = messages.filter((m): m is string => typeof m === 'string').join(' ');
      const errors = messages.filter((m) => m instanceof Error).map(describeError);
      log[level]('teams.sdk', {
        logger: name,
        message: text.slice(0, 500),
        ...(errors.length ? { errors } : {}),
      });
    };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    trace: forward('debug'),
    log: (level, ...messages) => forward(level === 'trace' ? 'debug' : level)(...messages),
    child: (child) => sdkLogger(log, `${name}/${child}`),
  };
}
