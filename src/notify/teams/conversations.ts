/**
 * Where a Teams card can be posted. A bot can only post into a conversation it has been added to, and must
 * post through the Bot Connector service that serves that conversation (`serviceUrl`, e.g.
 * `https://smba.trafficmanager.net/emea/`), so both are kept when the bot is installed in a channel.
 */
export interface TeamsConversationReference {
  /** `19:…@thread.tacv2` for a channel: the value to put in ROUTING as `teamsConversation`. */
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly tenantId?: string;
  /** Readable names, for the log line the admin copies from. */
  readonly teamName?: string;
  readonly channelName?: string;
  /** ISO 8601: when the bot saw the installation. */
  readonly installedAt: string;
}

/** The conversation references the bot has seen (the port; DynamoDB or memory behind it). */
export interface ConversationReferenceStore {
  save(reference: TeamsConversationReference): Promise<void>;
  get(conversationId: string): Promise<TeamsConversationReference | undefined>;
}

/**
 * A store in memory: for tests and local runs, and as the Lambda's fallback when no table is configured.
 *
 * @example
 * const store = new InMemoryConversationReferenceStore();
 * await store.save({ conversationId: '19:abc@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/emea/',
 *   installedAt: '2026-11-20T14:00:00.000Z' });
 */
export class InMemoryConversationReferenceStore implements ConversationReferenceStore {
  private readonly references = new Map<string, TeamsConversationReference>();

  async save(reference: TeamsConversationReference): Promise<void> {
    this.references.set(reference.conversationId, reference);
  }

  async get(conversationId: string): Promise<TeamsConversationReference | undefined> {
    return this.references.get(conversationId);
  }
}

/**
 * `store`, except that `reference`'s conversation is answered from `reference`: the bot knows the Bot
 * Connector of the conversation a click came from (the activity's `serviceUrl`) without asking the store.
 *
 * @example
 * const conversations = withKnownReference(store, { conversationId, serviceUrl: activity.serviceUrl, installedAt });
 */
export function withKnownReference(
  store: ConversationReferenceStore,
  reference: TeamsConversationReference,
): ConversationReferenceStore {
  return {
    save: (other) => store.save(other),
    get: async (conversationId) =>
      conversationId === reference.conversationId ? reference : store.get(conversationId),
  };
}
