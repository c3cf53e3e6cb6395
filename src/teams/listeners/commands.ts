import type { IMessageActivity } from '@microsoft/teams.api';
import type { IActivityContext } from '@microsoft/teams.apps';
import type { ConversationReferenceStore } from '../../notify/teams/conversations';
import { renderTeamsReportCard } from '../../notify/teams/report-card';
import type { Clock } from '../../shared/clock';
import type { AuditTrail } from '../../triage/ports';
import { parseTeamsCommand, runTeamsCommand } from '../commands';
import { conversationReferenceOf } from '../installation';
import type { TeamsLog } from '../log';

export interface CommandDeps {
  readonly trail: AuditTrail;
  readonly conversations: ConversationReferenceStore;
  readonly clock: Clock;
  readonly log: TeamsLog;
}

/**
 * A message to the bot: `@eks-audit pending` in a channel, `pending` in a personal chat. The answer is a card
 * in the same conversation (Teams has no ephemeral messages; the `/eks-audit` equivalent of `public`).
 * `here` also stores the conversation's reference: installing only announces a team's General channel.
 */
export function commandListener(deps: CommandDeps) {
  return async (ctx: IActivityContext<IMessageActivity>): Promise<void> => {
    const command = parseTeamsCommand(ctx.activity.text ?? '');
    deps.log.info('teams.command', {
      command: command.name,
      userId: ctx.activity.from.aadObjectId ?? ctx.activity.from.id,
    });
    const reference = conversationReferenceOf(ctx.activity, deps.clock().toISOString());
    if (command.name === 'here' && reference) await deps.conversations.save(reference);
    const report = await runTeamsCommand(command, {
      trail: deps.trail,
      conversationId: reference?.conversationId ?? ctx.activity.conversation.id,
    });
    await ctx.send(renderTeamsReportCard(report));
  };
}
