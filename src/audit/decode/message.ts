import { parseAuditEvent } from '../event';
import type { LogTime } from '../timestamp';
import { parseJsonText } from './json-text';
import type { DecodedItem, EventWhere } from './types';

/**
 * Decodes one log message that should hold one audit event as JSON (a CloudWatch log event message, one line
 * of the log backend): parse, then validate. Never throws; a bad message becomes a problem item.
 *
 * @example
 * const item = decodeAuditMessage(logEvent.message, { source: logGroup, logEventId: logEvent.id });
 * if (item.ok) normalizeAuditEvent(item.event);
 */
export function decodeAuditMessage(message: string, where: EventWhere, logTime?: LogTime): DecodedItem {
  const json = parseJsonText(message);
  if (!json.ok) return { ok: false, problem: json.problem, where };
  return decodeAuditValue(json.value, message, where, logTime);
}

/** Validates an already-parsed value as one audit event; `message` is its JSON text. */
export function decodeAuditValue(
  value: unknown,
  message: string,
  where: EventWhere,
  logTime?: LogTime,
): DecodedItem {
  const result = parseAuditEvent(value, '');
  if (!result.ok) return { ok: false, problem: result.problem, where };
  return { ok: true, event: result.event, message, where, ...(logTime !== undefined ? { logTime } : {}) };
}
