import type { IAdaptiveCardActionInvokeActivity, InvokeResponse } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import { buildCard } from '../../notify/card-model';
import { ADAPTIVE_CARD_CONTENT_TYPE, teamsCardActivity } from '../../notify/teams/message';
import { renderTeamsCard } from '../../notify/teams/render';
import { describeError } from '../../shared/errors';
import type { Alert } from '../../triage/model';
import { isBadClick, parseTeamsClick } from '../click';
import type { TeamsIdentity, TeamsIdentityResolver } from '../identity';
import type { TeamsLog } from '../log';
import { runTeamsTriageAction, type TeamsTriageDeps } from '../triage-actions';

export interface CardActionDeps extends TeamsTriageDeps {
  readonly identities: TeamsIdentityResolver;
  readonly log: TeamsLog;
}

type CardActionContext = IActivityContext<IAdaptiveCardActionInvokeActivity>;
type CardActionResponse = InvokeResponse<'adaptiveCard/action'>['body'];

/**
 * `adaptiveCard/action`: a click on Acknowledge, Justify or Escalate (or the card's automatic refresh). The
 * clicker gets the updated card in the invoke response; the posted message is also replaced through the Bot
 * Connector, because the invoke response alone only changes the card for the person who clicked.
 */
export function cardActionListener(deps: CardActionDeps) {
  return async (ctx: CardActionContext): Promise<CardActionResponse> => {
    const click = parseTeamsClick(ctx.activity.value);
    if (isBadClick(click)) {
      deps.log.warn('teams.click.invalid', { problem: click.problem });
      const value = {
        code: 'BadRequest',
        message: click.problem,
        innerHttpError: { statusCode: 400, body: null },
      };
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value };
    }
    const { from, conversation } = ctx.activity;
    // A refresh records nothing, so it does not need to know who is looking.
    const identity: TeamsIdentity =
      click.verb === 'refresh'
        ? { userId: from.aadObjectId ?? from.id, name: from.name ?? from.id, addresses: [], verified: false }
        : await deps.identities.resolve(from, () =>
            ctx.api.conversations.members(conversation.id).getById(from.id),
          );
    const outcome = await runTeamsTriageAction(click, identity, deps);
    deps.log.info('teams.click', {
      alertId: click.alertId,
      verb: click.verb,
      outcome: outcome.kind === 'card' ? (outcome.changed ? 'recorded' : 'shown') : 'message',
      userId: identity.userId,
    });
    const changed = outcome.kind === 'card' ? outcome.changed : outcome.alert !== undefined;
    if (changed && outcome.alert) await updateForEveryone(ctx, outcome.alert, deps.log);
    if (outcome.kind === 'message') {
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.text };
    }
    return {
      statusCode: 200,
      type: ADAPTIVE_CARD_CONTENT_TYPE,
      value: renderTeamsCard(buildCard(outcome.alert)),
    };
  };
}

/** Replaces the clicked message for the whole conversation; a failure leaves the refresh to catch up. */
async function updateForEveryone(ctx: CardActionContext, alert: Alert, log: TeamsLog): Promise<void> {
  const messageId = ctx.activity.replyToId;
  if (!messageId) return;
  try {
    const activity = teamsCardActivity(alert);
    await ctx.api.conversations
      .activities(ctx.activity.conversation.id)
      .update(messageId, { ...activity, attachments: [...activity.attachments] });
  } catch (error) {
    log.warn('teams.card.update-failed', { alertId: alert.id, error: describeError(error) });
  }
}
