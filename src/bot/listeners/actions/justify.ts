import type { App } from '@slack/bolt';
import { SlackActionIds } from '../../../notify/slack/action-ids';
import { clickContext, parseButtonClick } from '../../interactions';
import { justifyModal } from '../../modals';
import { slackReply } from '../../replies';
import type { SlackAppServices } from '../../services';
import { answer } from '../answer';

/**
 * Justify: opens the modal asking for the reason (required) and a ticket or change-request link
 * (optional). Anyone may justify, the person who made the change included; the submission is recorded by
 * `registerJustifySubmit`.
 *
 * @example
 * registerJustify(app, services);
 */
export function registerJustify(app: App, services: SlackAppServices): void {
  app.action(SlackActionIds.justify, async ({ ack, body, respond }) => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    await answer(services, 'justification', tell, async () => {
      const click = parseButtonClick(body);
      // The trigger id expires 3 s after the click: one read of the alert, then straight to the modal.
      const check = await services.triage.check('justify', click.alertId, click.responder);
      if (check.kind !== 'allowed') return slackReply(check, services.clock());
      const view = justifyModal(check.alert, { alertId: click.alertId, ...clickContext(click) });
      await services.client.views.open({ trigger_id: click.triggerId, view });
      return undefined;
    });
  });
}
