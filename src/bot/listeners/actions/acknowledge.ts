import type { App } from '@slack/bolt';
import { SlackActionIds } from '../../../notify/slack/action-ids';
import { clickContext, parseButtonClick } from '../../interactions';
import { slackReply } from '../../replies';
import type { SlackAppServices } from '../../services';
import { answer } from '../answer';

/**
 * Acknowledge: records who and when (once per alert) and updates every posted card in place. A refused
 * click (the clicker's own change, not on `ACK_ALLOWED`) or a late one ("Already acknowledged by @bob at
 * 14:02 UTC") gets an ephemeral reply, through the click's `response_url`.
 *
 * @example
 * registerAcknowledge(app, services);
 */
export function registerAcknowledge(app: App, services: SlackAppServices): void {
  app.action(SlackActionIds.acknowledge, async ({ ack, body, respond }) => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    await answer(services, 'acknowledgement', tell, async () => {
      const click = parseButtonClick(body);
      const outcome = await services.triage.acknowledge(click.alertId, click.responder, clickContext(click));
      return slackReply(outcome, services.clock());
    });
  });
}
