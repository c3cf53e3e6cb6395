import type { App } from '@slack/bolt';
import { SlackActionIds } from '../../../notify/slack/action-ids';
import { clickContext, parseButtonClick } from '../../interactions';
import { escalateModal } from '../../modals';
import { slackReply } from '../../replies';
import type { SlackAppServices } from '../../services';
import { answer } from '../answer';

/**
 * Escalate (after the button's confirm dialog): checks at once that the clicker may escalate and that
 * nobody has yet, so a refusal comes before any typing, then opens the modal asking for the reason. The
 * submission is recorded by `registerEscalateSubmit`.
 *
 * @example
 * registerEscalate(app, services);
 */
export function registerEscalate(app: App, services: SlackAppServices): void {
  app.action(SlackActionIds.escalate, async ({ ack, body, respond }) => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    await answer(services, 'escalation', tell, async () => {
      const click = parseButtonClick(body);
      const check = await services.triage.check('escalate', click.alertId, click.responder);
      if (check.kind !== 'allowed') return slackReply(check, services.clock());
      const view = escalateModal(check.alert, { alertId: click.alertId, ...clickContext(click) });
      await services.client.views.open({ trigger_id: click.triggerId, view });
      return undefined;
    });
  });
}
