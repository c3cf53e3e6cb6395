import type { App } from '@slack/bolt';
import { JustificationSchema } from '../../../triage/inputs';
import { SlackViewIds } from '../../modals';
import { slackReply } from '../../replies';
import type { SlackAppServices } from '../../services';
import { answer } from '../answer';
import { fieldErrors, readSubmission, tellSubmitter } from './submission';

/**
 * The Justify modal's submission: a missing reason or a link that is not http(s) is shown in the modal
 * (`response_action: errors`, the only answer Slack shows there); a valid one closes the modal, is recorded,
 * and updates every posted card. Anything else to say comes as an ephemeral message.
 *
 * @example
 * registerJustifySubmit(app, services);
 */
export function registerJustifySubmit(app: App, services: SlackAppServices): void {
  app.view(SlackViewIds.justifyModal, async ({ ack, body }) => {
    const read = readSubmission(body, services.log);
    if ('errors' in read) return ack({ response_action: 'errors', errors: read.errors });
    const { submission, context } = read;
    const input = JustificationSchema.safeParse({
      reason: submission.value(SlackViewIds.reasonBlock),
      ticketUrl: submission.value(SlackViewIds.ticketBlock),
    });
    if (!input.success) {
      const blocks = { reason: SlackViewIds.reasonBlock, ticketUrl: SlackViewIds.ticketBlock };
      return ack({ response_action: 'errors', errors: fieldErrors(input.error, blocks) });
    }
    await ack();
    const tell = tellSubmitter(services.client, context, submission.responder);
    await answer(services, 'justification', tell, async () => {
      const origin = context.origin ? { origin: context.origin } : {};
      const outcome = await services.triage.justify(
        context.alertId,
        submission.responder,
        input.data,
        origin,
      );
      return slackReply(outcome, services.clock());
    });
  });
}
