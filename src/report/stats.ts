/** Small counting helpers for reports. */

/** One row of a "by rule / severity / actor" table. */
export interface CountEntry {
  readonly key: string;
  readonly count: number;
}

/** Counts values; `sortedCounts` turns the result into rows. */
export class Counter {
  private readonly counts = new Map<string, number>();

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /**
   * Most frequent first; ties in key order, so the same input always gives the same table.
   *
   * @example
   * const c = new Counter(); c.add('b'); c.add('a'); c.add('b');
   * c.sorted(); // [{ key: 'b', count: 2 }, { key: 'a', count: 1 }]
   */
  sorted(): CountEntry[] {
    return [...this.counts]
      .map(([key, count]) => ({ key, count }))
      .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/** Mean and median of durations, or undefined for none. */
export interface DurationStats {
  /** How many durations were measured. */
  readonly count: number;
  readonly meanMs?: number;
  readonly medianMs?: number;
}

/**
 * The mean and median of `values` (milliseconds); the median of an even count is the mean of the middle two.
 *
 * @example
 * durationStats([60_000, 120_000, 600_000]); // { count: 3, meanMs: 260000, medianMs: 120000 }
 */
export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0 };
  const sorted = Float64Array.from(values).sort();
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return { count: sorted.length, meanMs: sum / sorted.length, medianMs: median };
}
