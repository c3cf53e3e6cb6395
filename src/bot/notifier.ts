import type { CardPublisher } from '../notify/ports';
import { type Routing, routeFinding } from '../notify/routing';
import type { Clock } from '../shared/clock';
import { EksAuditError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Alert, PostedMessage } from '../triage/model';
import type { AuditTrail } from '../triage/ports';
import { type BadMessageReason, readFindingMessage } from './finding-message';
import { readSnsNotification } from './sns-envelope';

/** Finds the link to a posted Slack message (`SlackDirectory` does); optional, best effort. */
export interface PermalinkSource {
  getPermalink(channel: string, messageTs: string): Promise<string>;
}

/** What the notifier works with: ports only, so tests run it against real local servers. */
export interface NotifierDeps {
  readonly trail: AuditTrail;
  /** Posts Slack cards (`SlackCardPublisher`). */
  readonly publisher: CardPublisher;
  /** Where cards go; `defaultChannel` must be set (checked at start by `notifierRouting`). */
  readonly routing: Routing;
  readonly clock: Clock;
  readonly log: Logger;
  /** When given, the card's permalink is stored with it, so `/eks-audit` can link to it. */
  readonly permalinks?: PermalinkSource;
}

/** What became of one SNS message. Transient failures are not outcomes: they are thrown. */
export type NotifyOutcome =
  | {
      readonly status: 'posted';
      readonly alertId: string;
      readonly channel: string;
      readonly ts: string;
      readonly created: boolean;
    }
  | { readonly status: 'already-posted'; readonly alertId: string; readonly channel: string }
  /** Routed to another platform only (a route with `teamsConversation` and no `channel`): stored, not posted. */
  | { readonly status: 'routed-elsewhere'; readonly alertId: string }
  | { readonly status: 'skipped'; readonly reason: BadMessageReason; readonly messageId?: string };

/**
 * Handles one finding from SNS: reads it, stores the alert, posts its card, remembers where.
 *
 * - A message that can never succeed (not an SNS notification, not JSON, another schema version, not a
 *   finding) is logged with its SNS message id and skipped: retrying it would only fill the dead-letter queue.
 * - Idempotent: the alert id is the finding id, so a redelivery finds the alert and, if its card is already
 *   in the routed channel, posts nothing. An alert stored without a card (the post failed, or the function
 *   stopped between the two writes) gets its card on the retry.
 * - Anything transient (DynamoDB, Slack down or rate limiting beyond the WebClient's retries, a channel the
 *   bot cannot post in) is thrown, so Lambda retries the invocation and then sends it to the dead-letter
 *   queue, where an alarm waits and from which it can be redriven once fixed. Nothing is dropped silently.
 *
 * @example
 * const outcome = await notifyFinding(event.Records[0], deps);
 * // { status: 'posted', alertId: 'f-6b1d0c9e2a4f', channel: 'C0ALERTS', ts: '1763647201.000001', created: true }
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
  const { alert, created } = await deps.trail.createAlert(read.finding, deps.clock());
  const channel = routeFinding(alert.finding, deps.routing).slackChannel;
  if (channel === undefined) {
    log.info('alert stored; routed to another platform only, no Slack card', { alertId: alert.id });
    return { status: 'routed-elsewhere', alertId: alert.id };
  }
  if (postedIn(alert, channel)) {
    log.info('card already posted: redelivery ignored', { alertId: alert.id, channel });
    return { status: 'already-posted', alertId: alert.id, channel };
  }
  if (!created)
    log.warn('alert stored earlier without a card in this channel: posting it now', {
      alertId: alert.id,
      channel,
    });
  const posted = await deps.publisher.post(alert, { channel });
  const message = await withPermalink(posted, deps, log);
  const stored = await deps.trail.recordMessage(alert.id, message);
  if (!stored.ok && stored.reason === 'not-found') {
    throw new EksAuditError('TRAIL_INCONSISTENT', `alert ${alert.id} vanished after its card was posted`);
  }
  if (!stored.ok)
    log.warn('card posted but not remembered: the alert has too many cards', { alertId: alert.id });
  log.info('card posted', {
    alertId: alert.id,
    severity: alert.finding.severity,
    channel: message.channel,
    ts: message.messageId,
    created,
  });
  return { status: 'posted', alertId: alert.id, channel: message.channel, ts: message.messageId, created };
}

/** A card of this alert already lives in `channel` (compared as ids: route to channel ids, not names). */
function postedIn(alert: Alert, channel: string): boolean {
  return alert.messages.some((message) => message.platform === 'slack' && message.channel === channel);
}

/** The posted message with its permalink when one can be had; a failure here must not fail a posted card. */
async function withPermalink(
  message: PostedMessage,
  deps: NotifierDeps,
  log: Logger,
): Promise<PostedMessage> {
  if (!deps.permalinks) return message;
  try {
    return { ...message, permalink: await deps.permalinks.getPermalink(message.channel, message.messageId) };
  } catch (error) {
    log.warn('permalink not available; storing the card without it', { error: (error as Error).message });
    return message;
  }
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
