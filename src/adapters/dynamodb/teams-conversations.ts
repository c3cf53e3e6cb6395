import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type {
  ConversationReferenceStore,
  TeamsConversationReference,
} from '../../notify/teams/conversations';
import * as z from '../../shared/zod';
import { fromItem, toItem } from './attr';
import { auditTableAttributes } from './table';

/**
 * Teams conversation references in the audit table, one item each: `pk = TEAMS#CONVERSATION#<id>`,
 * `sk = REFERENCE`. They carry none of the index attributes, so no listing ever sees them, and no TTL: a
 * reference stays valid as long as the bot is installed.
 *
 * @example
 * const conversations = new DynamoConversationReferenceStore({ client, tableName: env.TABLE_NAME });
 * await conversations.get('19:abc@thread.tacv2'); // { serviceUrl: 'https://smba.trafficmanager.net/emea/', ... }
 */
export class DynamoConversationReferenceStore implements ConversationReferenceStore {
  constructor(private readonly options: { readonly client: DynamoDBClient; readonly tableName: string }) {}

  async save(reference: TeamsConversationReference): Promise<void> {
    await this.options.client.send(
      new PutItemCommand({
        TableName: this.options.tableName,
        Item: toItem({ ...key(reference.conversationId), reference: { ...reference } }),
      }),
    );
  }

  async get(conversationId: string): Promise<TeamsConversationReference | undefined> {
    const result = await this.options.client.send(
      new GetItemCommand({
        TableName: this.options.tableName,
        Key: toItem(key(conversationId)),
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    const parsed = StoredReferenceSchema.safeParse(fromItem(result.Item).reference);
    return parsed.success ? parsed.data : undefined;
  }
}

function key(conversationId: string) {
  return {
    [auditTableAttributes.partitionKey]: `TEAMS#CONVERSATION#${conversationId}`,
    [auditTableAttributes.sortKey]: 'REFERENCE',
  };
}

const StoredReferenceSchema = z.object({
  conversationId: z.string().check(z.minLength(1)),
  serviceUrl: z.url(),
  tenantId: z.exactOptional(z.string()),
  teamName: z.exactOptional(z.string()),
  channelName: z.exactOptional(z.string()),
  installedAt: z.string(),
});
