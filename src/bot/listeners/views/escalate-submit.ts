import type { App } from '@slack/bolt';
import { EscalationReasonSchema } from '../../../triage/inputs';
import type { PostedMessage } from '../../../triage/model';
import { SlackViewIds } from '../../modals';
import { slackReply } from '../../replies';
import type { SlackAppServices } from '../../services';
import { answer } from '../answer';
import { fieldErrors, readSubmission, tellSubmitter } from './submission';

/**
 * The Escalate modal's submission: a missing reason is shown in the modal; a valid one closes it, is
 * recorded (once per alert), updates every posted card, posts to the escalation channel with a link to the
 * original card, and publishes to the escalation topic. The person is told where it went, or what failed.
 *
 * @example
 * registerEscalateSubmit(app, services);
 */
export function registerEscalateSubmit(app: App, services: SlackAppServices): void {
  app.view(SlackViewIds.escalateModal, async ({ ack, body }) => {
    const read = readSubmission(body, services.log);
    if ('errors' in read) return ack({ response_action: 'errors', errors: read.errors });
    const { submission, context } = read;
    const input = EscalationReasonSchema.safeParse({ reason: submission.value(SlackViewIds.reasonBlock) });
    if (!input.success) {
      return ack({
        response_action: 'errors',
        errors: fieldErrors(input.error, { reason: SlackViewIds.reasonBlock }),
      });
    }
    await ack();
    const tell = tellSubmitter(services.client, context, submission.responder);
    await answer(services, 'escalation', tell, async () => {
      const origin = context.origin ? { origin: await withPermalink(context.origin, services) } : {};
      const outcome = await services.triage.escalate(
        context.alertId,
        submission.responder,
        input.data,
        origin,
      );
      return slackReply(outcome, services.clock());
    });
  });
}

/** The card's permalink rides along, for the escalation channel and the topic's subscribers. */
async function withPermalink(origin: PostedMessage, services: SlackAppServices): Promise<PostedMessage> {
  if (origin.permalink) return origin;
  const permalink = await services.directory
    .getPermalink(origin.channel, origin.messageId)
    .catch(() => undefined);
  return permalink ? { ...origin, permalink } : origin;
}
