import type { WebClient } from '@slack/web-api';
import { renderSlackEscalation } from '../../notify/slack/escalation-post';
import type { PostedMessage } from '../../triage/model';
import type { Escalation, EscalationNotifier } from '../../triage/service-ports';
import { toSlackApiError } from './slack-api-error';

/** Finds a posted message's permalink (`SlackDirectory.getPermalink`). */
export interface PermalinkSource {
  getPermalink(channel: string, messageTs: string): Promise<string>;
}

/**
 * Posts each escalation to the escalation channel: who escalated and why, the alert's card, and a link to
 * the original card (the clicked card's permalink, else one fetched with `chat.getPermalink`). A permalink
 * that cannot be fetched does not stop the post: the escalation matters more than the link.
 *
 * @example
 * const channel = new SlackEscalationPoster(client, 'C0ESCALATE', directory);
 * await channel.notify({ alert, response, origin });
 */
export class SlackEscalationPoster implements EscalationNotifier {
  readonly name = 'escalation channel';

  constructor(
    private readonly client: WebClient,
    private readonly channel: string,
    private readonly permalinks: PermalinkSource,
  ) {}

  async notify({ alert, response, origin }: Escalation): Promise<void> {
    const card = origin?.platform === 'slack' ? origin : alert.messages.find((m) => m.platform === 'slack');
    const url = card ? await this.permalink(card) : undefined;
    const { text, blocks } = renderSlackEscalation(alert, response, url);
    try {
      await this.client.chat.postMessage({
        channel: this.channel,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      throw toSlackApiError('chat.postMessage', error);
    }
  }

  private async permalink(message: PostedMessage): Promise<string | undefined> {
    if (message.permalink) return message.permalink;
    return this.permalinks.getPermalink(message.channel, message.messageId).catch(() => undefined);
  }
}
