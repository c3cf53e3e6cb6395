import type { IActivityContext } from '@microsoft/teams.apps';
import type { ConversationReferenceStore } from '../../notify/teams/conversations';
import { renderTeamsReportCard } from '../../notify/teams/report-card';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { conversationReferenceOf } from '../installation';

export interface InstallationDeps {
  readonly conversations: ConversationReferenceStore;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * The bot was installed (`installationUpdate` add) or added to a team (`conversationUpdate` with the bot among
 * `membersAdded`): the conversation reference is stored, so the notifier knows which Bot Connector serves it,
 * logged for the admin to copy into ROUTING, and said in the conversation itself. Teams sends both
 * activities for one installation; only the first (a reference not stored yet, or changed) is announced.
 */
export function installationListener(deps: InstallationDeps) {
  return async (ctx: IActivityContext): Promise<void> => {
    const { activity } = ctx;
    if (activity.type === 'conversationUpdate') {
      const botAdded = activity.membersAdded?.some((member) => member.id === activity.recipient.id) ?? false;
      if (!botAdded) return;
    }
    const reference = conversationReferenceOf(activity, deps.clock().toISOString());
    if (!reference) {
      deps.log.warn('teams installation without a conversation reference', { type: activity.type });
      return;
    }
    const known = await deps.conversations.get(reference.conversationId);
    if (known?.serviceUrl === reference.serviceUrl) return;
    await deps.conversations.save(reference);
    deps.log.info('teams bot installed', {
      teamsConversation: reference.conversationId,
      serviceUrl: reference.serviceUrl,
      team: reference.teamName,
      channel: reference.channelName,
      hint: 'add {"teamsConversation": "<this id>"} to a ROUTING route to send alerts here',
    });
    try {
      await ctx.send(
        renderTeamsReportCard({
          title: 'eks-audit-bot is installed',
          lines: [`teamsConversation: ${reference.conversationId}`],
          note: 'To send alerts here, put this id in ROUTING (a route\'s "teamsConversation" or "defaultTeamsConversation"). In another channel, send "@eks-audit here" to get its id.',
        }),
      );
    } catch (error) {
      // The reference is stored and logged; the welcome is a courtesy.
      deps.log.warn('teams welcome message not sent', { error: describeError(error) });
    }
  };
}
