import { readFindingMessage } from '../bot/finding-message';
import { type NotifierDeps, type NotifyOutcome, notifyFinding } from '../bot/notifier';
import { readSnsNotification } from '../bot/sns-envelope';
import type { SnsSubscriber } from './local-topic';

/** What the notifier did with the findings delivered so far. */
export interface NotifierStats {
  /** Alerts stored for the first time, card posted. */
  newAlerts: number;
  /** Findings whose alert and card were already there (a replay of the same events, a redelivery). */
  alreadyPosted: number;
  /** Cards posted for alerts stored earlier without one (e.g. a first run with Slack after terminal runs). */
  postedForExisting: number;
  /** Messages the notifier refused as unreadable, by reason. */
  skipped: Record<string, number>;
}

/** A new, zeroed `NotifierStats`. */
export function newNotifierStats(): NotifierStats {
  return { newAlerts: 0, alreadyPosted: 0, postedForExisting: 0, skipped: {} };
}

/**
 * The notifier's entry for the local topic: each SNS record goes to the same `notifyFinding` as on Lambda
 * (store the alert idempotently, route, post the card, remember where); a failure is thrown to the topic,
 * which counts and logs it. Outcomes are counted for the start summary.
 *
 * With terminal cards (`platform: 'terminal'`), a finding whose alert already has its terminal card is not
 * handed to `notifyFinding`: its redelivery check only recognises Slack cards, so it would print the card
 * again on every restart (the sample is replayed at each start).
 *
 * @example
 * const topic = new LocalFindingsTopic({ subscriber: localNotifier(deps, stats), clock });
 */
export function localNotifier(
  deps: NotifierDeps,
  stats: NotifierStats,
  options: { readonly terminal: boolean },
): SnsSubscriber {
  return async (event) => {
    for (const record of event.Records) {
      if (options.terminal && (await hasTerminalCard(record, deps))) {
        stats.alreadyPosted += 1;
        continue;
      }
      count(stats, await notifyFinding(record, deps));
    }
  };
}

async function hasTerminalCard(record: unknown, deps: NotifierDeps): Promise<boolean> {
  const envelope = readSnsNotification(record);
  if (!envelope.ok) return false;
  const read = readFindingMessage(envelope.notification.Message);
  if (!read.ok) return false;
  const alert = await deps.trail.getAlert(read.finding.id);
  return alert?.messages.some((message) => message.platform === 'terminal') ?? false;
}

function count(stats: NotifierStats, outcome: NotifyOutcome): void {
  switch (outcome.status) {
    case 'posted':
      if (outcome.created) stats.newAlerts += 1;
      else stats.postedForExisting += 1;
      return;
    case 'already-posted':
      stats.alreadyPosted += 1;
      return;
    case 'routed-elsewhere':
      return;
    case 'skipped':
      stats.skipped[outcome.reason] = (stats.skipped[outcome.reason] ?? 0) + 1;
  }
}
