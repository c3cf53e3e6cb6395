import type { CardPublisher } from '../notify/ports';
import { type Routing, routeFinding } from '../notify/routing';
import type { Clock } from '../shared/clock';
import { EksAuditError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { AuditTrail } from '../triage/ports';
import { type BadMessageReason, readFindingMessage } from './finding-message';
import { type CardDelivery, cardTargets, deliverCard, type PermalinkSource } from './notifier-cards';
import { readSnsNotification } from './sns-envelope';

export type { CardDelivery, CardPlatform, PermalinkSource } from './notifier-cards';

/** What the notifier works with: ports only, so tests run it against real local servers. */
export interface NotifierDeps {
  readonly trail: AuditTrail;
  /** Posts Slack cards (`SlackCardPublisher`). */
  readonly publisher: CardPublisher;
  /**
   * Posts Teams cards (`createTeamsCardPublisher`). Without it, a card routed to Teams is not posted: it is
   * logged as an error and reported as `no-publisher` (the alert is stored, so a later redelivery posts it).
   */
  readonly teams?: CardPublisher;
  /** Where cards go; a default Slack channel or Teams conversation is set (checked by `notifierRouting`). */
  readonly routing: Routing;
  readonly clock: Clock;
  readonly log: Logger;
  /** When given, a Slack card's permalink is stored with it, so `/eks-audit` can link to it. */
  readonly permalinks?: PermalinkSource;
}

/** What became of one SNS message. Transient failures are not outcomes: they are thrown. */
export type NotifyOutcome =
  | {
      /** At least one card was posted now; `channel` and `ts` are the first one's (Slack first). */
      readonly status: 'posted';
      readonly alertId: string;
      readonly channel: string;
      readonly ts: string;
      readonly created: boolean;
      readonly cards: readonly CardDelivery[];
    }
  | {
      /** Every card the finding is routed to was already there (a redelivery). */
      readonly status: 'already-posted';
      readonly alertId: string;
      readonly channel: string;
      readonly cards: readonly CardDelivery[];
    }
  /** Stored, but no card posted: every destination is on a platform without a publisher here (logged). */
  | { readonly status: 'routed-elsewhere'; readonly alertId: string; readonly cards: readonly CardDelivery[] }
  | { readonly status: 'skipped'; readonly reason: BadMessageReason; readonly messageId?: string };

/**
 * Handles one finding from SNS: reads it, stores the alert, posts its cards (Slack, Teams or both, as routed),
 * remembers where.
 *
 * - A message that can never succeed (not an SNS notification, not JSON, another schema version, not a
 *   finding) is logged with its SNS message id and skipped: retrying it would only fill the dead-letter queue.
 * - Idempotent per platform and conversation: the alert id is the finding id, so a redelivery finds the alert
 *   and posts no card that is already there. An alert stored without a card (the post failed, or the function
 *   stopped between the two writes) gets its card on the retry.
 * - The cards are posted side by side: Slack being down does not hold back the Teams card. Anything transient
 *   (DynamoDB, a platform down or rate limiting beyond the client's retries, a conversation the bot cannot
 *   post in) is thrown once every card has been tried, so Lambda retries the invocation (the cards already
 *   posted are recognised) and then sends it to the dead-letter queue, where an alarm waits and from which it
 *   can be redriven once fixed. Nothing is dropped silently.
 *
 * @example
 * const outcome = await notifyFinding(event.Records[0], deps);
 * // { status: 'posted', alertId: 'f-6b1d0c9e2a4f', channel: 'C0ALERTS', ts: '1763647201.000001', created: true,
 * //   cards: [{ status: 'posted', platform: 'slack', channel: 'C0ALERTS', messageId: '1763647201.000001' }] }
 */
export async function notifyFinding(record: unknown, deps: NotifierDeps): Promise<NotifyOutcome> {
  const envelope = readSnsNotification(record);
  if (!envelope.ok) return skip(deps, 'invalid-envelope', envelope.problem, envelope.messageId);
  const messageId = envelope.notification.MessageId;
  const read = readFindingMessage(envelope.notification.Message);
  if (!read.ok) return skip(deps, read.reason, read.problem, messageId);

  const log = deps.log.child({
    snsMessageId: messageId,
    findingId: read.finding.id,
    ruleId: read.finding.rule.id,
  });
  const stored = await deps.trail.createAlert(read.finding, deps.clock());
  const targets = cardTargets(routeFinding(stored.alert.finding, deps.routing));
  const cardDeps = {
    trail: deps.trail,
    publishers: { slack: deps.publisher, ...(deps.teams ? { teams: deps.teams } : {}) },
    ...(deps.permalinks ? { permalinks: deps.permalinks } : {}),
  };
  const settled = await Promise.allSettled(targets.map((t) => deliverCard(stored, t, cardDeps, log)));
  const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (failed.length > 0) throw oneError(failed, stored.alert.id);
  const cards = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  return outcomeOf(stored.alert.id, stored.created, cards);
}

function outcomeOf(alertId: string, created: boolean, cards: readonly CardDelivery[]): NotifyOutcome {
  const posted = cards.find((card) => card.status === 'posted');
  if (posted) {
    return { status: 'posted', alertId, channel: posted.channel, ts: posted.messageId, created, cards };
  }
  const already = cards.find((card) => card.status === 'already-posted');
  if (already) return { status: 'already-posted', alertId, channel: already.channel, cards };
  return { status: 'routed-elsewhere', alertId, cards };
}

/** The error to throw for the cards that failed: the only one as it is, several summed up. */
function oneError(errors: readonly unknown[], alertId: string): unknown {
  if (errors.length === 1) return errors[0];
  const messages = errors.map((e) => (e instanceof Error ? e.message : String(e)));
  return new EksAuditError('CARDS_NOT_POSTED', `alert ${alertId}: ${messages.join('; ')}`, {
    cause: new AggregateError(errors),
  });
}

function skip(
  deps: NotifierDeps,
  reason: BadMessageReason,
  problem: string,
  messageId: string | undefined,
): NotifyOutcome {
  deps.log.error('message skipped: it can never be processed, so it is not retried', {
    reason,
    problem,
    ...(messageId ? { snsMessageId: messageId } : {}),
  });
  return { status: 'skipped', reason, ...(messageId ? { messageId } : {}) };
}
