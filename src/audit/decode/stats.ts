import type { DecodedItem, ProblemReason } from './types';

/** Counts of one decoding run: what was read and what was skipped, by reason. */
export interface DecodeStats {
  /** Audit events decoded and validated. */
  eventsRead: number;
  /** Skipped items by reason; a reason appears only once counted. */
  skipped: Partial<Record<ProblemReason, number>>;
  /** CloudWatch CONTROL_MESSAGE payloads acknowledged and skipped (they carry no log events). */
  controlMessages: number;
}

/**
 * A fresh, zeroed `DecodeStats`.
 *
 * @example
 * const stats = newDecodeStats();
 * for (const item of items) countDecoded(stats, item);
 * formatDecodeStats(stats); // '3 events read, 2 skipped (1 malformed-json, 1 truncated)'
 */
export function newDecodeStats(): DecodeStats {
  return { eventsRead: 0, skipped: {}, controlMessages: 0 };
}

/** Adds one decoded item to the counts. */
export function countDecoded(stats: DecodeStats, item: DecodedItem): void {
  if (item.ok) stats.eventsRead += 1;
  else stats.skipped[item.problem.reason] = (stats.skipped[item.problem.reason] ?? 0) + 1;
}

/** Counts every item of a list; returns the same stats object for chaining. */
export function countAllDecoded(stats: DecodeStats, items: Iterable<DecodedItem>): DecodeStats {
  for (const item of items) countDecoded(stats, item);
  return stats;
}

/** Adds `other` into `stats` (e.g. the totals of several files). */
export function mergeDecodeStats(stats: DecodeStats, other: DecodeStats): DecodeStats {
  stats.eventsRead += other.eventsRead;
  stats.controlMessages += other.controlMessages;
  for (const [reason, count] of Object.entries(other.skipped) as [ProblemReason, number][]) {
    stats.skipped[reason] = (stats.skipped[reason] ?? 0) + count;
  }
  return stats;
}

/** Total skipped items, all reasons. */
export function skippedTotal(stats: DecodeStats): number {
  return Object.values(stats.skipped).reduce((sum, count) => sum + (count ?? 0), 0);
}

/**
 * One line for a summary: `12 events read, 3 skipped (2 malformed-json, 1 truncated)`, plus control
 * messages when there were any.
 */
export function formatDecodeStats(stats: DecodeStats): string {
  const skipped = skippedTotal(stats);
  const reasons = Object.entries(stats.skipped)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  let text = `${stats.eventsRead} event${stats.eventsRead === 1 ? '' : 's'} read, ${skipped} skipped`;
  if (skipped > 0) text += ` (${reasons})`;
  if (stats.controlMessages > 0) text += `, ${stats.controlMessages} control message(s) acknowledged`;
  return text;
}
