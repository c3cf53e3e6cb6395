import type { CardPublisher } from '../notify/ports';
import type { Destination } from '../notify/routing';
import { EksAuditError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Alert, PostedMessage } from '../triage/model';
import type { AuditTrail } from '../triage/ports';

/** The chat platforms the notifier posts cards to. */
export type CardPlatform = 'slack' | 'teams';

/** One place a finding's card goes: a Slack channel id, or a Teams conversation id. */
export interface CardTarget {
  readonly platform: CardPlatform;
  readonly channel: string;
}

/** What became of one card of a finding. Failures are not deliveries: they are thrown. */
export type CardDelivery =
  | {
      readonly status: 'posted';
      readonly platform: CardPlatform;
      readonly channel: string;
      readonly messageId: string;
    }
  | { readonly status: 'already-posted'; readonly platform: CardPlatform; readonly channel: string }
  /** The finding is routed to a platform this notifier has no publisher for: logged as an error, counted. */
  | { readonly status: 'no-publisher'; readonly platform: CardPlatform; readonly channel: string };

/** Finds the link to a posted Slack message (`SlackDirectory` does); optional, best effort. */
export interface PermalinkSource {
  getPermalink(channel: string, messageTs: string): Promise<string>;
}

/** The ports one card needs. */
export interface CardDeliveryDeps {
  readonly trail: AuditTrail;
  /** One publisher per platform; a platform without one gets `no-publisher`. */
  readonly publishers: Readonly<Partial<Record<CardPlatform, CardPublisher>>>;
  readonly permalinks?: PermalinkSource;
}

/**
 * The cards a routing decision asks for, Slack first.
 *
 * @example
 * cardTargets({ slackChannel: 'C0PROD', teamsConversation: '19:abc@thread.tacv2' })
 * // [{ platform: 'slack', channel: 'C0PROD' }, { platform: 'teams', channel: '19:abc@thread.tacv2' }]
 */
export function cardTargets(destination: Destination): CardTarget[] {
  return [
    ...(destination.slackChannel ? [{ platform: 'slack' as const, channel: destination.slackChannel }] : []),
    ...(destination.teamsConversation
      ? [{ platform: 'teams' as const, channel: destination.teamsConversation }]
      : []),
  ];
}

/**
 * Posts one card of a stored alert, unless the alert already has its card on that platform in that
 * conversation (a redelivery), then records where it lives. Idempotent per platform and conversation, as the
 * trail remembers each card: a retry after a crash between storing the alert and posting posts exactly once.
 *
 * @example
 * await deliverCard({ alert, created }, { platform: 'teams', channel: '19:abc@thread.tacv2' }, deps, log);
 * // { status: 'posted', platform: 'teams', channel: '19:abc@thread.tacv2', messageId: '1763647201000' }
 */
export async function deliverCard(
  { alert, created }: { readonly alert: Alert; readonly created: boolean },
  target: CardTarget,
  deps: CardDeliveryDeps,
  log: Logger,
): Promise<CardDelivery> {
  const fields = { alertId: alert.id, platform: target.platform, channel: target.channel };
  if (postedIn(alert, target)) {
    log.info('card already posted: redelivery ignored', fields);
    return { status: 'already-posted', ...target };
  }
  const publisher = deps.publishers[target.platform];
  if (!publisher) {
    log.error(`card not posted: the notifier has no ${target.platform} publisher (not configured)`, fields);
    return { status: 'no-publisher', ...target };
  }
  if (!created) log.warn('alert stored earlier without a card in this channel: posting it now', fields);
  const posted = await publisher.post(alert, { channel: target.channel });
  const message = target.platform === 'slack' ? await withPermalink(posted, deps.permalinks, log) : posted;
  const stored = await deps.trail.recordMessage(alert.id, message);
  if (!stored.ok && stored.reason === 'not-found') {
    throw new EksAuditError('TRAIL_INCONSISTENT', `alert ${alert.id} vanished after its card was posted`);
  }
  if (!stored.ok) log.warn('card posted but not remembered: the alert has too many cards', fields);
  log.info('card posted', { ...fields, severity: alert.finding.severity, ts: message.messageId });
  return { status: 'posted', ...target, messageId: message.messageId };
}

/** A card of this alert already lives there (compared as ids: route to channel ids, not names). */
function postedIn(alert: Alert, target: CardTarget): boolean {
  return alert.messages.some(
    (message) => message.platform === target.platform && message.channel === target.channel,
  );
}

/** The posted message with its permalink when one can be had; a failure here must not fail a posted card. */
async function withPermalink(
  message: PostedMessage,
  permalinks: PermalinkSource | undefined,
  log: Logger,
): Promise<PostedMessage> {
  if (!permalinks) return message;
  try {
    return { ...message, permalink: await permalinks.getPermalink(message.channel, message.messageId) };
  } catch (error) {
    log.warn('permalink not available; storing the card without it', { error: (error as Error).message });
    return message;
  }
}
