import type { WebClient } from '@slack/web-api';
import { type BuildCardOptions, buildCard } from '../../notify/card-model';
import type { CardPublisher, CardRoute } from '../../notify/ports';
import { renderSlackCard } from '../../notify/slack/render';
import { EksAuditError } from '../../shared/errors';
import type { Alert, PostedMessage } from '../../triage/model';
import { SlackApiError, toSlackApiError } from './slack-api-error';

/** Options for the publisher. */
export interface SlackCardPublisherOptions {
  /** Extra inputs for the card of an alert (e.g. a Logs Insights link the finding lacks). */
  readonly cardOptions?: (alert: Alert) => BuildCardOptions;
}

/**
 * Posts alert cards to Slack channels and updates them in place, through an injected, configured WebClient
 * (see `createSlackWebClient`: its retry policy is what stands between a 429 and a lost card).
 * Every failure is thrown as a `SlackApiError` saying whether it is worth retrying.
 *
 * @example
 * const publisher = new SlackCardPublisher(createSlackWebClient({ token, profile: 'background' }));
 * const message = await publisher.post(alert, { channel: 'C0ALERTS' });
 * await publisher.update(acknowledgedAlert, message);
 */
export class SlackCardPublisher implements CardPublisher {
  constructor(
    private readonly client: WebClient,
    private readonly options: SlackCardPublisherOptions = {},
  ) {}

  async post(alert: Alert, route: CardRoute): Promise<PostedMessage> {
    const { text, blocks } = this.render(alert);
    try {
      const result = await this.client.chat.postMessage({
        channel: route.channel,
        text,
        blocks,
        // The Logs Insights and ticket links would otherwise unfurl into large previews under the card.
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!result.ts) throw new SlackApiError('chat.postMessage', 'missing_ts', false);
      return { platform: 'slack', channel: result.channel ?? route.channel, messageId: result.ts };
    } catch (error) {
      throw toSlackApiError('chat.postMessage', error);
    }
  }

  async update(alert: Alert, message: PostedMessage): Promise<void> {
    if (message.platform !== 'slack') {
      throw new EksAuditError(
        'CARD_PLATFORM_MISMATCH',
        `cannot update a ${message.platform} message through Slack`,
      );
    }
    const { text, blocks } = this.render(alert);
    try {
      await this.client.chat.update({ channel: message.channel, ts: message.messageId, text, blocks });
    } catch (error) {
      throw toSlackApiError('chat.update', error);
    }
  }

  private render(alert: Alert) {
    return renderSlackCard(buildCard(alert, this.options.cardOptions?.(alert) ?? {}));
  }
}
