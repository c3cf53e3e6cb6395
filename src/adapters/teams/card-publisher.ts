import type { BuildCardOptions } from '../../notify/card-model';
import type { CardPublisher, CardRoute } from '../../notify/ports';
import type { ConversationReferenceStore } from '../../notify/teams/conversations';
import { teamsCardActivity } from '../../notify/teams/message';
import type { Alert, PostedMessage } from '../../triage/model';
import type { BotConnectorClient } from './bot-connector';

export interface TeamsCardPublisherOptions {
  readonly connector: BotConnectorClient;
  /** References captured when the bot was installed; they say which Bot Connector serves a conversation. */
  readonly conversations: ConversationReferenceStore;
  /**
   * The Bot Connector to use for a conversation the bot has no reference for (installed before the store
   * existed, or configured by hand): `https://smba.trafficmanager.net/teams/` reaches every region.
   */
  readonly defaultServiceUrl: string;
  readonly cardOptions?: BuildCardOptions;
}

/**
 * Posts alert cards into Teams conversations (channels, group chats) through the Bot Connector REST API and
 * replaces them when the alert changes. `route.channel` is the Teams conversation id, the `teamsConversation`
 * of a ROUTING entry; the stored message keeps the conversation id and the activity id.
 *
 * @example
 * const publisher = new TeamsCardPublisher({ connector, conversations, defaultServiceUrl });
 * const message = await publisher.post(alert, { channel: '19:abc@thread.tacv2' });
 * // { platform: 'teams', channel: '19:abc@thread.tacv2', messageId: '1763647201000' }
 */
export class TeamsCardPublisher implements CardPublisher {
  constructor(private readonly options: TeamsCardPublisherOptions) {}

  async post(alert: Alert, route: CardRoute): Promise<PostedMessage> {
    const serviceUrl = await this.serviceUrlFor(route.channel);
    const activity = teamsCardActivity(alert, this.options.cardOptions);
    const { id } = await this.options.connector.createActivity(serviceUrl, route.channel, activity);
    return { platform: 'teams', channel: route.channel, messageId: id };
  }

  async update(alert: Alert, message: PostedMessage): Promise<void> {
    const serviceUrl = await this.serviceUrlFor(message.channel);
    const activity = teamsCardActivity(alert, this.options.cardOptions);
    await this.options.connector.updateActivity(serviceUrl, message.channel, message.messageId, activity);
  }

  private async serviceUrlFor(conversationId: string): Promise<string> {
    const reference = await this.options.conversations.get(conversationId);
    return reference?.serviceUrl ?? this.options.defaultServiceUrl;
  }
}
