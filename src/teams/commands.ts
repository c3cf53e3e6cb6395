import { teamsAnswer } from '../notify/teams/answer';
import type { TeamsTextReport } from '../notify/teams/report-card';
import { answerEksAuditCommand, type EksAuditDeps } from '../report/answer';
import { type EksAuditCommand, parseEksAuditCommand } from '../report/command';

/** A command sent to the bot: every `/eks-audit` subcommand, plus `here` (this conversation's id). */
export type TeamsCommand = EksAuditCommand | { readonly name: 'here' };

/**
 * Reads a command from message text (the bot's mention already stripped). A leading `eks-audit` is optional,
 * so `eks-audit pending` and `pending` are the same; the rest is read as `/eks-audit` reads it.
 *
 * @example
 * parseTeamsCommand('eks-audit show f-6b1d0c9e2a4f'); // { name: 'show', alertId: 'f-6b1d0c9e2a4f', public: false }
 * parseTeamsCommand('here'); // { name: 'here' }
 */
export function parseTeamsCommand(text: string): TeamsCommand {
  const words = text
    .replace(/&nbsp;/g, ' ')
    .replace(/\u00a0/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words[0]?.toLowerCase() === 'eks-audit') words.shift();
  if (words.length === 1 && words[0]?.toLowerCase() === 'here') return { name: 'here' };
  return parseEksAuditCommand(words.join(' '));
}

/**
 * Answers a command: the `/eks-audit` answers from the same report core as Slack, and `here`.
 *
 * @example
 * const report = await answerTeamsCommand(parseTeamsCommand('report 7d'), { trail, facts, clock }, conversationId);
 */
export async function answerTeamsCommand(
  command: TeamsCommand,
  deps: EksAuditDeps,
  conversationId: string,
): Promise<TeamsTextReport> {
  if (command.name === 'here') {
    return {
      title: 'This conversation',
      lines: [`teamsConversation: ${conversationId}`],
      note: 'Put this id in ROUTING (a route\'s "teamsConversation", or "defaultTeamsConversation") to send alerts here.',
    };
  }
  // Teams has no ephemeral messages: every answer is posted in the conversation, as `public` is in Slack.
  return teamsAnswer(await answerEksAuditCommand(command, deps));
}
