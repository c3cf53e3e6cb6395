import * as z from '../../shared/zod';
import {
  decodeSubscriptionEvent,
  decodeSubscriptionPayload,
  type SubscriptionBatch,
  type SubscriptionDecodeResult,
} from './awslogs';
import { decodeAuditMessage, decodeAuditValue } from './message';
import type { DecodedItem, EventWhere, InputFormat } from './types';

/** What one JSON document is, by its shape; `shapeOf` gives undefined for anything else (one event, or not). */
export type DocumentShape = Exclude<
  InputFormat,
  'json-lines' | 'cloudwatch-export' | 'json-documents' | 'empty' | 'unknown'
>;

/** One event of `aws logs filter-log-events` output. */
const FilteredLogEventSchema = z.looseObject({
  message: z.string(),
  timestamp: z.optional(z.number()),
  eventId: z.optional(z.string()),
  logStreamName: z.optional(z.string()),
});

/**
 * Classifies a parsed JSON document by shape; undefined for a plain object (one audit event, or not one).
 */
export function shapeOf(value: unknown): DocumentShape | undefined {
  if (Array.isArray(value)) return 'json-array';
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if ('awslogs' in record) return 'awslogs-envelope';
  if ('messageType' in record && 'logEvents' in record) return 'subscription-payload';
  if (record.kind === 'EventList' || (record.kind === undefined && Array.isArray(record.items))) {
    return 'event-list';
  }
  if (record.kind === undefined && Array.isArray(record.events)) return 'filter-log-events';
  return undefined;
}

/** Options of `expandDocument`. */
export interface ExpandOptions {
  /** The document's own text when known (one line of input), so a single event keeps its exact text. */
  readonly message?: string | undefined;
  /** The CloudWatch time of the line (export lines). */
  readonly logTime?: string | undefined;
  /** Called with every subscription batch met (its log group, stream, owner, control messages). */
  readonly onBatch?: ((batch: SubscriptionBatch) => void) | undefined;
}

/**
 * Turns one parsed JSON document of any supported shape into items: a single audit event, an EventList, a
 * JSON array of events, a subscription payload or envelope, or `filter-log-events` output.
 *
 * @example
 * expandDocument(JSON.parse(text), { source: 'payload.json' }, { onBatch: (b) => groups.add(b.logGroup) });
 */
export function expandDocument(
  value: unknown,
  where: EventWhere,
  options: ExpandOptions = {},
): DecodedItem[] {
  switch (shapeOf(value)) {
    case 'json-array':
      return (value as unknown[]).map((item, index) => eventOf(item, { ...where, index }));
    case 'event-list':
      return listItems((value as { items: unknown }).items, where);
    case 'subscription-payload':
      return batchItems(decodeSubscriptionPayload(value, where), options.onBatch);
    case 'awslogs-envelope':
      return batchItems(decodeSubscriptionEvent(value, where), options.onBatch);
    case 'filter-log-events':
      return filteredEvents((value as { events: unknown[] }).events, where);
    default:
      return [decodeAuditValue(value, options.message ?? JSON.stringify(value), where, options.logTime)];
  }
}

function eventOf(value: unknown, where: EventWhere): DecodedItem {
  return decodeAuditValue(value, JSON.stringify(value) ?? '', where);
}

function listItems(items: unknown, where: EventWhere): DecodedItem[] {
  if (!Array.isArray(items)) {
    return [
      { ok: false, problem: { reason: 'not-audit-event', detail: 'EventList.items is not a list' }, where },
    ];
  }
  return items.map((item, index) => eventOf(item, { ...where, index }));
}

function batchItems(
  result: SubscriptionDecodeResult,
  onBatch: ((batch: SubscriptionBatch) => void) | undefined,
): DecodedItem[] {
  if (!result.ok) return [{ ok: false, problem: result.problem, where: result.where }];
  onBatch?.(result.batch);
  return [...result.batch.items];
}

function filteredEvents(events: unknown[], where: EventWhere): DecodedItem[] {
  return events.map((value, index) => {
    const parsed = FilteredLogEventSchema.safeParse(value);
    if (!parsed.success) {
      const detail = 'filter-log-events entry has no string message';
      return { ok: false, problem: { reason: 'invalid-envelope', detail }, where: { ...where, index } };
    }
    const { message, eventId, timestamp } = parsed.data;
    const at = { ...where, index, ...(eventId ? { logEventId: eventId } : {}) };
    return decodeAuditMessage(message, at, timestamp);
  });
}
