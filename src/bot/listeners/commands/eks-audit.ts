import type { App } from '@slack/bolt';
import { workingOnIt } from '../../../notify/slack/report/render-answer';
import { parseEksAuditCommand } from '../../../report/command';
import { describeError } from '../../../shared/errors';
import type { DeferredCommand } from '../../eks-audit/deferral';
import { type EksAuditServices, eksAuditReply } from '../../eks-audit/run';

/**
 * `/eks-audit help | pending | report [24h|7d|30d] [cluster] | show <alert id> | user <name or e-mail>`, with
 * `public` anywhere to answer in the channel (ephemeral otherwise); anything else gets the help text.
 *
 * Within Slack's 3 seconds: `help`, `pending`, `show` and `user` are a Query or two each, answered in the
 * acknowledgement itself. `report` reads every alert of its window, so it is acknowledged at once ("Working
 * on it…") and answered through `response_url`: by an asynchronous invocation of the function on Lambda
 * (`services.commandDeferral`), or right here after the acknowledgement on a long-lived HTTP server.
 *
 * @example
 * registerEksAuditCommand(app, services);
 */
export function registerEksAuditCommand(app: App, services: EksAuditServices): void {
  app.command('/eks-audit', async ({ ack, command, respond }) => {
    const parsed = parseEksAuditCommand(command.text);
    const asker = { userId: command.user_id, teamDomain: command.team_domain };
    services.log.info('eks-audit command', {
      command: parsed.name,
      userId: command.user_id,
      public: parsed.public,
    });
    if (parsed.name !== 'report') {
      await ack(await eksAuditReply(parsed, asker, services));
      return;
    }
    await ack(workingOnIt(`report ${parsed.window}${parsed.cluster ? ` ${parsed.cluster}` : ''}`));
    const job: DeferredCommand = {
      text: command.text,
      userId: command.user_id,
      teamDomain: command.team_domain,
      responseUrl: command.response_url,
    };
    if (services.commandDeferral && (await handedOver(services, job))) return;
    await respond(await eksAuditReply(parsed, asker, services));
  });
}

/** Hands the command to the deferral; false (answer here, late but answered) when that fails. */
async function handedOver(services: EksAuditServices, job: DeferredCommand): Promise<boolean> {
  try {
    await services.commandDeferral?.defer(job);
    return true;
  } catch (error) {
    services.log.warn('eks-audit command not handed over; answering in this invocation', {
      deferral: services.commandDeferral?.name,
      error: describeError(error),
    });
    return false;
  }
}
