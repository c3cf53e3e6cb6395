/**
 * Why an event produced no finding. Skips are expected and counted; problems are not expected (a rule or the
 * classifier threw) and are counted apart, with details for the log.
 * - `duplicate stage`: the same audit ID at a less informative stage (the best stage is evaluated);
 * - `dry-run`: a dry-run request and no rule that takes dry-runs matched;
 * - `<type> actor`: a rule matched the request, but none of the matching rules applies to this actor class
 *   (automation, system, anonymous, human): the noise the actor classification removes;
 * - `request failed`: no rule matched a request that failed without being refused (404, 409, 5xx);
 * - `plain read`: no rule matched a get/list/watch;
 * - `no rule matched`: anything else.
 */
export const skipReasons = [
  'duplicate stage',
  'dry-run',
  'automation actor',
  'system actor',
  'anonymous actor',
  'human actor',
  'request failed',
  'plain read',
  'no rule matched',
] as const;
/** One of `skipReasons`. */
export type SkipReason = (typeof skipReasons)[number];

/** One event that could not be evaluated; safe to log (ids and messages, never event bodies). */
export interface DetectProblem {
  readonly auditId: string;
  readonly reason: string;
  readonly detail: string;
}

/** The counts of one `detect` run. `events` = findings + every skip + every problem. */
export interface DetectStats {
  events: number;
  findings: number;
  skipped: Partial<Record<SkipReason, number>>;
  problems: Record<string, number>;
}

/** Zeroed stats. */
export function newDetectStats(): DetectStats {
  return { events: 0, findings: 0, skipped: {}, problems: {} };
}

/** Adds one skip; returns `undefined` so a caller can `return countSkip(...)` for "no finding". */
export function countSkip(stats: DetectStats, reason: SkipReason): undefined {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
  return undefined;
}

/**
 * One line: `40 events, 3 findings, 37 skipped (20 automation actor, 15 plain read, 2 duplicate stage)`.
 *
 * @example
 * formatDetectStats(result.stats);
 */
export function formatDetectStats(stats: DetectStats): string {
  const skipped = Object.entries(stats.skipped).filter(([, n]) => (n ?? 0) > 0);
  const total = skipped.reduce((sum, [, n]) => sum + (n ?? 0), 0);
  let text = `${stats.events} event${stats.events === 1 ? '' : 's'}, ${stats.findings} finding${stats.findings === 1 ? '' : 's'}, ${total} skipped`;
  if (total > 0) text += ` (${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')})`;
  const problems = Object.entries(stats.problems);
  if (problems.length > 0) text += `, problems: ${problems.map(([r, n]) => `${n} ${r}`).join(', ')}`;
  return text;
}
