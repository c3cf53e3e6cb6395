import type { ILogger } from '@microsoft/teams.common';
import { describeError } from '../shared/errors';
import type { Logger, LogLevel } from '../shared/logger';

/**
 * The Teams SDK's logger interface over our structured logger. The SDK logs whole activities at debug level
 * and HTTP error bodies at error level; only the message text and error descriptions are kept here, so
 * nothing a user typed (or a token) reaches the logs through the SDK.
 *
 * @example
 * new App({ logger: sdkLogger(log), ... });
 */
export function sdkLogger(log: Logger, name = 'teams-sdk'): ILogger {
  const forward =
    (level: LogLevel) =>
    (...messages: unknown[]): void => {
      const text = messages.filter((m): m is string => typeof m === 'string').join(' ');
      const errors = messages.filter((m) => m instanceof Error).map(describeError);
      log[level](text.slice(0, 500) || 'teams sdk', { logger: name, ...(errors.length ? { errors } : {}) });
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
