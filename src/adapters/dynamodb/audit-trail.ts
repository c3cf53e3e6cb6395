import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Finding } from '../../finding/schema';
import { EksAuditError, InputError } from '../../shared/errors';
import { normalizeActorQuery } from '../../triage/actor';
import type { Alert, AlertResponse, PostedMessage } from '../../triage/model';
import type {
  ActorQuery,
  AlertPage,
  AuditTrail,
  ClusterQuery,
  CreateAlertResult,
  PageQuery,
  RespondResult,
  StoreResult,
  TimeRangeQuery,
} from '../../triage/ports';
import { AlertResponseSchema, PostedMessageSchema, triageLimits } from '../../triage/schemas';
import { messageAttr, newAlertItem, readAlert, responseAttr } from './codec';
import { respondFailure } from './failures';
import {
  ALERT_SORT_KEY,
  actorPartition,
  alertPartition,
  clusterPartition,
  monthBuckets,
  OPEN_PARTITION,
  refusalSortKey,
} from './keys';
import { type InvalidItemHook, type ListingSpec, queryPage } from './queries';
import { respondUpdate } from './respond-update';

export interface DynamoAuditTrailOptions {
  /** An injected SDK client (the real one; point it at a local server for tests and `npm start`). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Days an alert is kept before DynamoDB TTL removes it; default 400. */
  readonly retentionDays?: number;
  /** Unique ids for refused-attempt items; injected so tests can pin them. */
  readonly newId?: () => string;
  /** Told about every stored item that cannot be read back (a listing skips it and counts it). */
  readonly onInvalidItem?: InvalidItemHook;
}

export const DEFAULT_RETENTION_DAYS = 400;
const DAY_SECONDS = 86_400;
const EARLIEST = new Date(0);
const LATEST = new Date('9999-12-31T23:59:59.999Z');

/**
 * The audit trail in DynamoDB (see table.ts for the table design and README "Audit trail" for what is
 * stored). Every state change is one conditional write to one item, so it is atomic without transactions.
 *
 * @example
 * const trail = new DynamoAuditTrail({ client: new DynamoDBClient({}), tableName: 'eks-audit-trail' });
 * const { alert, created } = await trail.createAlert(finding, clock());
 */
export class DynamoAuditTrail implements AuditTrail {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly retentionSeconds: number;
  private readonly newId: () => string;
  private readonly onInvalidItem: InvalidItemHook;

  constructor(options: DynamoAuditTrailOptions) {
    const days = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    if (!Number.isInteger(days) || days < 1)
      throw new InputError(`retentionDays: expected a whole number of days >= 1, got ${days}`);
    this.client = options.client;
    this.tableName = options.tableName;
    this.retentionSeconds = days * DAY_SECONDS;
    this.newId = options.newId ?? randomUUID;
    this.onInvalidItem = options.onInvalidItem ?? (() => {});
  }

  async createAlert(finding: Finding, now: Date): Promise<CreateAlertResult> {
    const createdAt = now.toISOString();
    const expiresAt = Math.floor(now.getTime() / 1000) + this.retentionSeconds;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: newAlertItem(finding.id, finding, createdAt, expiresAt),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return {
        created: true,
        alert: { id: finding.id, finding, createdAt, status: 'open', responses: [], messages: [] },
      };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.getAlert(finding.id);
      if (!existing)
        throw new EksAuditError('TRAIL_INCONSISTENT', `alert ${finding.id} exists but cannot be read`);
      return { created: false, alert: existing };
    }
  }

  async getAlert(id: string): Promise<Alert | undefined> {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: alertPartition(id) } },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const alertItem = items.find((item) => item.sk?.S === ALERT_SORT_KEY);
    if (!alertItem) return undefined;
    const decoded = readAlert(
      alertItem,
      items.filter((item) => item !== alertItem),
    );
    if (!decoded.ok)
      throw new EksAuditError('TRAIL_ITEM_INVALID', `alert ${id} cannot be read: ${decoded.problem}`);
    return decoded.value;
  }

  async respond(id: string, response: AlertResponse): Promise<RespondResult> {
    const valid = parseResponse(response);
    if (valid.action === 'refused')
      throw new InputError('respond: a refused attempt is recorded with recordRefusal');
    const accepted = { ...valid, action: valid.action };
    try {
      const result = await this.client.send(
        new UpdateItemCommand(respondUpdate(this.tableName, this.alertKey(id), accepted)),
      );
      return { ok: true, alert: this.decode(id, result.Attributes) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ?? (await this.readAlertItem(id));
      return respondFailure(accepted.action, current, (item) => this.decode(id, item));
    }
  }

  async recordMessage(id: string, message: PostedMessage): Promise<StoreResult> {
    const parsed = PostedMessageSchema.safeParse(message);
    if (!parsed.success)
      throw new InputError(`recordMessage: ${parsed.error.issues[0]?.message ?? 'invalid message'}`);
    const messageKey = `${message.platform}/${message.channel}/${message.messageId}`;
    try {
      const result = await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.alertKey(id),
          UpdateExpression: 'SET messages = list_append(messages, :m) ADD messageKeys :keys',
          ConditionExpression:
            'attribute_exists(pk) AND NOT contains(messageKeys, :key) AND size(messages) < :max',
          ExpressionAttributeValues: {
            ':m': { L: [messageAttr(parsed.data)] },
            ':keys': { SS: [messageKey] },
            ':key': { S: messageKey },
            ':max': { N: String(triageLimits.maxMessages) },
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { ok: true, alert: this.decode(id, result.Attributes) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ?? (await this.readAlertItem(id));
      if (!current) return { ok: false, reason: 'not-found' };
      const alert = this.decode(id, current);
      // Already recorded: a retry of the same post, which is what idempotency is for.
      if (current.messageKeys?.SS?.includes(messageKey)) return { ok: true, alert };
      return { ok: false, reason: 'too-many-messages', alert };
    }
  }

  async recordRefusal(id: string, response: AlertResponse): Promise<StoreResult> {
    const valid = parseResponse(response);
    if (valid.action !== 'refused' || valid.attempted === undefined) {
      throw new InputError("recordRefusal: expected action 'refused' with the attempted action");
    }
    const current = await this.readAlertItem(id);
    if (!current) return { ok: false, reason: 'not-found' };
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          pk: { S: alertPartition(id) },
          sk: { S: refusalSortKey(valid.at, this.newId()) },
          response: responseAttr(valid),
          // Refusals live and expire with their alert.
          ...(current.expiresAt ? { expiresAt: current.expiresAt } : {}),
        },
      }),
    );
    return { ok: true, alert: this.decode(id, current) };
  }

  listOpen(query: PageQuery): Promise<AlertPage> {
    return this.list({ index: 'open', partitions: [OPEN_PARTITION] }, query);
  }

  listByTimeRange(query: TimeRangeQuery): Promise<AlertPage> {
    if (query.cluster !== undefined) return this.listByCluster({ ...query, cluster: query.cluster });
    const range = timeRange(query.from, query.to);
    return this.list({ index: 'byTime', partitions: monthBuckets(query.from, query.to), range }, query);
  }

  listByActor(query: ActorQuery): Promise<AlertPage> {
    const actor = normalizeActorQuery(query.actor);
    if (actor === '') throw new InputError('actor: expected a name or an e-mail address');
    const range = timeRange(query.from ?? EARLIEST, query.to ?? LATEST);
    return this.list({ index: 'byActor', partitions: [actorPartition(actor)], range }, query);
  }

  listByCluster(query: ClusterQuery): Promise<AlertPage> {
    if (query.cluster.trim() === '') throw new InputError('cluster: expected a cluster name');
    const range = timeRange(query.from, query.to);
    return this.list({ index: 'byCluster', partitions: [clusterPartition(query.cluster)], range }, query);
  }

  private list(spec: ListingSpec, query: PageQuery): Promise<AlertPage> {
    return queryPage(this.client, this.tableName, spec, query, this.onInvalidItem);
  }

  private alertKey(id: string): Record<string, AttributeValue> {
    return { pk: { S: alertPartition(id) }, sk: { S: ALERT_SORT_KEY } };
  }

  private async readAlertItem(id: string): Promise<Record<string, AttributeValue> | undefined> {
    const result = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: this.alertKey(id), ConsistentRead: true }),
    );
    return result.Item;
  }

  private decode(id: string, item: Record<string, AttributeValue> | undefined): Alert {
    const decoded = item ? readAlert(item) : { ok: false as const, problem: 'no item returned' };
    if (!decoded.ok)
      throw new EksAuditError('TRAIL_ITEM_INVALID', `alert ${id} cannot be read: ${decoded.problem}`);
    return decoded.value;
  }
}

function parseResponse(response: AlertResponse): AlertResponse {
  const parsed = AlertResponseSchema.safeParse(response);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError(`response.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/** [from, to) as `timeKey` bounds: `<to>` sorts before every `<to>#<id>`, so BETWEEN excludes `to`. */
function timeRange(from: Date, to: Date): { from: string; to: string } {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (Number.isNaN(value.getTime())) throw new InputError(`${name}: not a valid date`);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}
