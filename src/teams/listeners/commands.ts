import type { IMessageActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { ConversationReferenceStore } from '../../notify/teams/conversations';
import { renderTeamsReportCard } from '../../notify/teams/report-card';
import type { EksAuditDeps } from '../../report/answer';
import type { Logger } from '../../shared/logger';
import { answerTeamsCommand, parseTeamsCommand } from '../commands';
import { conversationReferenceOf } from '../installation';

export interface CommandDeps extends EksAuditDeps {
  readonly conversations: ConversationReferenceStore;
  readonly log: Logger;
}

/**
 * A message to the bot: `@eks-audit pending` in a channel, `pending` in a personal chat. The answer is a card
 * in the same conversation. `here` also stores the conversation's reference: installing the bot in a team
 * only announces its General channel.
 */
export function commandListener(deps: CommandDeps) {
  return async (ctx: IActivityContext<IMessageActivity>): Promise<void> => {
    const command = parseTeamsCommand(ctx.activity.text ?? '');
    const reference = conversationReferenceOf(ctx.activity, deps.clock().toISOString());
    if (command.name === 'here' && reference) await deps.conversations.save(reference);
    deps.log.info('teams command', {
      command: command.name,
      userId: ctx.activity.from.aadObjectId ?? ctx.activity.from.id,
    });
    const conversationId = reference?.conversationId ?? ctx.activity.conversation.id;
    const report = await answerTeamsCommand(command, deps, conversationId);
    await ctx.send(renderTeamsReportCard(report));
  };
}
