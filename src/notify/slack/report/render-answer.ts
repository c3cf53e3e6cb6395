import type { EksAuditAnswer } from '../../../report/answer';
import { section } from '../blocks';
import { code } from './format';
import { commandReply, type SlackCommandReply } from './message';
import { renderActivityReport } from './render-activity';
import { renderHelp } from './render-help';
import { renderPendingList } from './render-pending';
import { renderPersonActivity } from './render-person';
import { renderAlertTrail } from './render-trail';

export type { SlackCommandReply } from './message';

/**
 * Renders any `/eks-audit` answer as a slash-command reply: Block Kit within Slack's limits, every
 * user-controlled text escaped (names, summaries, justifications can never mention or link), ephemeral unless
 * `public` was asked for.
 *
 * @example
 * const reply = renderEksAuditAnswer(await answerEksAuditCommand(command, deps), { public: command.public });
 * await respond(reply);
 */
export function renderEksAuditAnswer(
  answer: EksAuditAnswer,
  options: { public: boolean },
): SlackCommandReply {
  switch (answer.kind) {
    case 'help':
      return commandReply('eks-audit help', renderHelp(answer.problem), options);
    case 'report':
      return commandReply(
        `EKS audit report: ${answer.report.total} alerts`,
        renderActivityReport(answer.report),
        options,
      );
    case 'pending':
      return commandReply(
        `Open alerts: ${answer.pending.items.length}`,
        renderPendingList(answer.pending),
        options,
      );
    case 'show':
      return commandReply(
        `Alert ${answer.trail.id}: ${answer.trail.status}`,
        renderAlertTrail(answer.trail),
        options,
      );
    case 'not-found':
      return commandReply(
        'No such alert',
        [
          section(
            `No alert ${code(answer.alertId)} in the audit trail: check the id (it is in the card's footer), or it is past retention.`,
          ),
        ],
        options,
      );
    case 'user':
      return commandReply(`Changes by ${answer.person.query}`, renderPersonActivity(answer.person), options);
  }
}

/**
 * The immediate acknowledgement of a command answered later through `response_url`.
 *
 * @example
 * await ack(workingOnIt('report 30d'));
 */
export function workingOnIt(what: string): SlackCommandReply {
  return commandReply(
    'Working on it…',
    [section(`⏳ Working on it… (${code(what)}); the answer follows here.`)],
    {
      public: false,
    },
  );
}
