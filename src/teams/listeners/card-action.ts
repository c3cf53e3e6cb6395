import type { IAdaptiveCardActionInvokeActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { CardPublisher } from '../../notify/ports';
import type { TeamsConversationReference } from '../../notify/teams/conversations';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { PostedMessage } from '../../triage/model';
import type { TriageOutcome } from '../../triage/outcome';
import type { TriagePolicy } from '../../triage/policy';
import type { AuditTrail } from '../../triage/ports';
import { TriageService } from '../../triage/service';
import type { EscalationNotifier } from '../../triage/service-ports';
import { isBadClick, parseTeamsClick, type TeamsClick } from '../click';
import { type TeamsIdentityResolver, teamsResponder, teamsResponders } from '../identity';
import { badRequest, type CardActionResponse, cardResponse, messageResponse, teamsReply } from '../replies';

export interface CardActionDeps {
  readonly trail: AuditTrail;
  readonly policy: TriagePolicy;
  readonly escalations: readonly EscalationNotifier[];
  readonly identities: TeamsIdentityResolver;
  /** The card publisher for one click, knowing the Bot Connector of the conversation clicked in. */
  readonly publisherFor: (reference: TeamsConversationReference) => CardPublisher;
  /** Updates the alert's Slack cards too, when the function has the Slack bot token's parameter. */
  readonly slackCards?: CardPublisher | undefined;
  readonly clock: Clock;
  readonly log: Logger;
}

type CardActionContext = IActivityContext<IAdaptiveCardActionInvokeActivity>;

/**
 * `adaptiveCard/action`: Acknowledge, Justify or Escalate pressed on a card (through the shared triage
 * service: policy, refused attempts, conditional write, card updates, escalation destinations), or the
 * card's automatic refresh. The service replaces the posted card for everyone through the Bot Connector (and
 * the alert's Slack cards through `slackCards`, when given); the invoke response shows the clicker the new
 * card at once, or tells them why nothing changed. A Slack card that could not be updated is logged by the
 * service and left out of the reply: the person in Teams cannot act on it.
 */
export function cardActionListener(deps: CardActionDeps) {
  return async (ctx: CardActionContext): Promise<CardActionResponse> => {
    const click = parseTeamsClick(ctx.activity.value);
    if (isBadClick(click)) {
      deps.log.warn('teams click not usable', { problem: click.problem });
      return badRequest(click.problem);
    }
    const alert = await deps.trail.getAlert(click.alertId);
    if (!alert)
      return messageResponse(
        `Alert ${click.alertId} is not in the audit trail (it may be past its retention period).`,
      );
    if (click.verb === 'refresh') return cardResponse(alert);

    const { from, conversation, replyToId } = ctx.activity;
    const identity = await deps.identities.resolve(from, () =>
      ctx.api.conversations.members(conversation.id).getById(from.id),
    );
    const conversationId = conversation.id.split(';')[0] ?? conversation.id;
    const cards = deps.publisherFor({
      conversationId,
      serviceUrl: ctx.ref.serviceUrl,
      installedAt: deps.clock().toISOString(),
    });
    const triage = new TriageService({
      trail: deps.trail,
      policy: deps.policy,
      people: teamsResponders(identity),
      clock: deps.clock,
      cards: { teams: cards, ...(deps.slackCards ? { slack: deps.slackCards } : {}) },
      escalations: deps.escalations,
      log: deps.log,
    });
    const origin: PostedMessage | undefined = replyToId
      ? { platform: 'teams', channel: conversationId, messageId: replyToId }
      : undefined;
    const outcome = await perform(triage, click, teamsResponder(identity, alert), origin);
    deps.log.info('teams click', {
      alertId: alert.id,
      verb: click.verb,
      outcome: outcome.kind,
      userId: identity.userId,
    });
    // Someone else was first: bring the stale card the person clicked up to date.
    if (outcome.kind === 'already-done' && origin) {
      await cards.update(outcome.alert, origin).catch((error: unknown) => {
        deps.log.warn('teams card not updated', { alertId: alert.id, error: describeError(error) });
      });
    }
    return teamsReply(outcome, deps.clock());
  };
}

function perform(
  triage: TriageService,
  click: Exclude<TeamsClick, { verb: 'refresh' }>,
  responder: ReturnType<typeof teamsResponder>,
  origin: PostedMessage | undefined,
): Promise<TriageOutcome> {
  const context = origin ? { origin } : {};
  switch (click.verb) {
    case 'acknowledge':
      return triage.acknowledge(click.alertId, responder, context);
    case 'justify':
      return triage.justify(
        click.alertId,
        responder,
        { reason: click.text, ticketUrl: click.ticketUrl },
        context,
      );
    case 'escalate':
      return triage.escalate(click.alertId, responder, { reason: click.text }, context);
  }
}
