import type { AuditEvent } from '../event';
import type { LogTime } from '../timestamp';

/**
 * Where one event (or one problem) came from, precise enough for a person to find it: the file or log group,
 * the 1-based line, the position in a list, the CloudWatch log event id.
 */
export interface EventWhere {
  /** A file name, `-` for standard input, or `<logGroup>/<logStream>` for a subscription batch. */
  readonly source: string;
  /** 1-based line in the source text, for line-oriented input. */
  readonly line?: number;
  /** 0-based position in a list: EventList items, logEvents, filter-log-events events, a JSON array. */
  readonly index?: number;
  /** The CloudWatch Logs log event id, when the event came through CloudWatch. */
  readonly logEventId?: string;
}

/**
 * Why an input item was skipped; stable identifiers, counted in `DecodeStats.skipped`.
 * - `malformed-json`: not valid JSON.
 * - `truncated`: JSON cut off before its end (CloudWatch truncates log events over 256 KB).
 * - `not-audit-event`: valid JSON but not a Kubernetes audit event (names the failing fields).
 * - `invalid-envelope`: a CloudWatch envelope or payload that cannot be decoded (base64, gzip, shape).
 * - `unrecognised-input`: input in none of the supported formats.
 */
export const problemReasons = [
  'malformed-json',
  'truncated',
  'not-audit-event',
  'invalid-envelope',
  'unrecognised-input',
] as const;
export type ProblemReason = (typeof problemReasons)[number];

/** One skipped item: a stable reason and a detail safe to log (positions and field names, never payloads). */
export interface DecodeProblem {
  readonly reason: ProblemReason;
  readonly detail: string;
}

/** A decoded audit event with its origin. */
export interface DecodedEvent {
  readonly ok: true;
  readonly event: AuditEvent;
  /**
   * The event as one line of JSON text, as CloudWatch stored it (the log event message, or the line); what
   * a CloudWatch filter pattern is evaluated against. For EventList items, JSON.stringify of the item.
   */
  readonly message: string;
  /** The CloudWatch log event time, when the event came through CloudWatch (`logTimeIso` gives its ISO form). */
  readonly logTime?: LogTime;
  readonly where: EventWhere;
  readonly problem?: undefined;
}

/** A skipped item with its origin. */
export interface DecodedProblem {
  readonly ok: false;
  readonly problem: DecodeProblem;
  readonly where: EventWhere;
  readonly event?: undefined;
}

/** One item of decoded input: an event or a problem, always with where it came from. */
export type DecodedItem = DecodedEvent | DecodedProblem;

/** The input formats `detectFormat` recognises. */
export const inputFormats = [
  'json-lines',
  'cloudwatch-export',
  'event-list',
  'json-array',
  'json-documents',
  'subscription-payload',
  'filter-log-events',
  'awslogs-envelope',
  'empty',
  'unknown',
] as const;
export type InputFormat = (typeof inputFormats)[number];

/**
 * Formats where an item came from for messages: `file:line`, `#index` for a position in a list, and the
 * CloudWatch log event id.
 *
 * @example
 * formatWhere({ source: 'audit.jsonl', line: 12 }); // 'audit.jsonl:12'
 * formatWhere({ source: 'awslogs', index: 3, logEventId: '3800...' }); // 'awslogs#3 (log event 3800...)'
 */
export function formatWhere(where: EventWhere): string {
  let text = where.source;
  if (where.line !== undefined) text += `:${where.line}`;
  if (where.index !== undefined) text += `#${where.index}`;
  if (where.logEventId !== undefined) text += ` (log event ${where.logEventId})`;
  return text;
}
