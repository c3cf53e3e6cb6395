import type { NotifyOutcome } from './notifier';

/** What one invocation did, by outcome (also logged as `notifier summary`). */
export interface NotifierSummary {
  readonly records: number;
  /** Findings with at least one card posted by this invocation. */
  readonly posted: number;
  /** Findings whose every card was already there (redeliveries). */
  readonly alreadyPosted: number;
  /** Cards posted by this invocation, by platform. */
  readonly cards: { readonly slack: number; readonly teams: number };
  /** Cards routed to a platform the notifier is not configured for (Teams without its settings): logged. */
  readonly noPublisher: number;
  /** Messages that can never be processed, by reason: logged with their SNS message id, not retried. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Records that failed on something transient: the invocation throws so Lambda retries it. */
  readonly failed: number;
}

/**
 * Counts what became of each record of one invocation.
 *
 * @example
 * summariseNotifications(await Promise.allSettled(records.map((r) => notifyFinding(r, deps))));
 * // { records: 2, posted: 2, alreadyPosted: 0, cards: { slack: 2, teams: 1 }, noPublisher: 0, skipped: {}, failed: 0 }
 */
export function summariseNotifications(
  outcomes: readonly PromiseSettledResult<NotifyOutcome>[],
): NotifierSummary {
  const skipped: Record<string, number> = {};
  const count = { posted: 0, alreadyPosted: 0, failed: 0, noPublisher: 0 };
  const cards = { slack: 0, teams: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      count.failed++;
      continue;
    }
    const value = outcome.value;
    if (value.status === 'skipped') {
      skipped[value.reason] = (skipped[value.reason] ?? 0) + 1;
      continue;
    }
    if (value.status === 'posted') count.posted++;
    if (value.status === 'already-posted') count.alreadyPosted++;
    for (const card of value.cards) {
      if (card.status === 'posted') cards[card.platform]++;
      if (card.status === 'no-publisher') count.noPublisher++;
    }
  }
  return { records: outcomes.length, ...count, cards, skipped };
}
