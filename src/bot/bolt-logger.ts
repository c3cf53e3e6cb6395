import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../shared/logger';

/**
 * Bolt's logger interface over our JSON-lines logger, so Bolt's own messages (a rejected signature, an
 * unhandled error) land in CloudWatch as structured records like ours. Bolt logs free-form arguments:
 * they are joined into the message, and Bolt never passes it tokens or request bodies at `info` and above.
 *
 * @example
 * new App({ receiver, token, logger: boltLogger(log) });
 */
export function boltLogger(log: Logger, level: LogLevel = LogLevel.INFO): BoltLogger {
  let current = level;
  let name = 'bolt';
  const text = (msg: unknown[]) =>
    msg.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : String(m))).join(' ');
  return {
    // Debug output may include whole payloads (Bolt's developer mode): never forwarded.
    debug: () => {},
    info: (...msg) => {
      if (current !== LogLevel.WARN && current !== LogLevel.ERROR) log.info(text(msg), { source: name });
    },
    warn: (...msg) => {
      if (current !== LogLevel.ERROR) log.warn(text(msg), { source: name });
    },
    error: (...msg) => log.error(text(msg), { source: name }),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      name = next;
    },
  };
}
