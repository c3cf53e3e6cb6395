import type { Finding } from '../../finding/schema';

/** Key values of the audit table (see table.ts for the design). */

/** The sort key of the alert item itself. */
export const ALERT_SORT_KEY = 'ALERT';
/** Sort keys of refused-attempt items start with this. */
export const REFUSAL_PREFIX = 'REFUSAL#';
/** The one partition of the sparse `open` index. */
export const OPEN_PARTITION = 'OPEN';

/** `ALERT#<id>`: the partition holding an alert and its refused attempts. */
export const alertPartition = (id: string): string => `ALERT#${id}`;
/** `REFUSAL#<time>#<unique>`: refused attempts sort by time after the alert item. */
export const refusalSortKey = (at: string, unique: string): string => `${REFUSAL_PREFIX}${at}#${unique}`;
/** `<change time>#<id>`: the sort key of every index; unique, and in time order. */
export const timeKey = (changeTime: string, id: string): string => `${changeTime}#${id}`;
/** `T#yyyy-mm`: the `byTime` partition of a change. */
export const monthBucket = (changeTime: string): string => `T#${changeTime.slice(0, 7)}`;
/** `A#<actor key>`: the `byActor` partition. */
export const actorPartition = (key: string): string => `A#${key}`;
/** `C#<cluster>`: the `byCluster` partition. */
export const clusterPartition = (cluster: string): string => `C#${cluster}`;

/**
 * When the change happened, as a fixed-width ISO 8601 UTC string (`2026-11-20T14:01:07.123Z`), so that sort
 * keys compare in time order. Falls back to `createdAt` when the finding's time cannot be read.
 */
export function changeTime(finding: Finding, createdAt: string): string {
  const parsed = new Date(finding.time);
  return Number.isNaN(parsed.getTime()) ? createdAt : parsed.toISOString();
}

/**
 * The month buckets that [from, to) touches, oldest first.
 *
 * @example
 * monthBuckets(new Date('2026-10-25Z'), new Date('2026-11-24Z')); // ['T#2026-10', 'T#2026-11']
 */
export function monthBuckets(from: Date, to: Date): string[] {
  if (to.getTime() <= from.getTime()) return [];
  const last = new Date(to.getTime() - 1);
  const buckets: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (cursor.getTime() <= last.getTime()) {
    buckets.push(monthBucket(cursor.toISOString()));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return buckets;
}
