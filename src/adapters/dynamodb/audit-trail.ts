import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
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
import { newAlertItem, readAlert } from './codec';
import { respondFailure } from './failures';
import { parseMessage, parseResponse, timeRange } from './inputs';
import { actorPartition, clusterPartition, monthBuckets, OPEN_PARTITION } from './keys';
import { type InvalidItemHook, type ListingSpec, queryPage } from './queries';
import { alertKey, getAlertItem, queryAlertItems } from './reads';
import { messageUpdate, postedMessageKey, refusalItem, respondUpdate } from './updates';

/** What `DynamoAuditTrail` is built from. */
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

/** Days an alert is kept by default (a little over 13 months). */
export const DEFAULT_RETENTION_DAYS = 400;
const DAY_SECONDS = 86_400;
const EARLIEST = new Date(0);
const LATEST = new Date('9999-12-31T23:59:59.999Z');

/**
 * The audit trail in DynamoDB (table design in table.ts; what is stored in codec.ts and the README). Every
 * state change is one conditional write to one item, so it is atomic without transactions, on DynamoDB and
 * on dynalite alike.
 *
 * @example
 * const trail = new DynamoAuditTrail({ client: new DynamoDBClient({}), tableName: env.TABLE_NAME });
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
    if (!Number.isInteger(days) || days < 1) {
      throw new InputError(`retentionDays: expected a whole number of days >= 1, got ${days}`);
    }
    this.client = options.client;
    this.tableName = options.tableName;
    this.retentionSeconds = days * DAY_SECONDS;
    this.newId = options.newId ?? randomUUID;
    this.onInvalidItem = options.onInvalidItem ?? (() => {});
  }

  async createAlert(finding: Finding, now: Date): Promise<CreateAlertResult> {
    const createdAt = now.toISOString();
    const expiresAt = Math.floor(now.getTime() / 1000) + this.retentionSeconds;
    const Item = newAlertItem(finding.id, finding, createdAt, expiresAt);
    try {
      const condition = 'attribute_not_exists(pk)';
      await this.client.send(
        new PutItemCommand({ TableName: this.tableName, Item, ConditionExpression: condition }),
      );
      const alert: Alert = {
        id: finding.id,
        finding,
        createdAt,
        status: 'open',
        responses: [],
        messages: [],
      };
      return { created: true, alert };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.getAlert(finding.id);
      if (!existing)
        throw new EksAuditError('TRAIL_INCONSISTENT', `alert ${finding.id} exists but cannot be read`);
      return { created: false, alert: existing };
    }
  }

  async getAlert(id: string): Promise<Alert | undefined> {
    const { alert, refusals } = await queryAlertItems(this.client, this.tableName, id);
    if (!alert) return undefined;
    const decoded = readAlert(alert, refusals);
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
      const update = respondUpdate(this.tableName, alertKey(id), accepted);
      const result = await this.client.send(new UpdateItemCommand(update));
      return { ok: true, alert: this.decode(id, result.Attributes) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ?? (await getAlertItem(this.client, this.tableName, id));
      return respondFailure(accepted.action, current, (item) => this.decode(id, item));
    }
  }

  async recordMessage(id: string, message: PostedMessage): Promise<StoreResult> {
    const valid = parseMessage(message);
    try {
      const update = messageUpdate(this.tableName, alertKey(id), valid);
      const result = await this.client.send(new UpdateItemCommand(update));
      return { ok: true, alert: this.decode(id, result.Attributes) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ?? (await getAlertItem(this.client, this.tableName, id));
      if (!current) return { ok: false, reason: 'not-found' };
      const alert = this.decode(id, current);
      // Already there: a retry of the same post, which is exactly what must not make a duplicate.
      if (current.messageKeys?.SS?.includes(postedMessageKey(valid))) return { ok: true, alert };
      return { ok: false, reason: 'too-many-messages', alert };
    }
  }

  async recordRefusal(id: string, response: AlertResponse): Promise<StoreResult> {
    const valid = parseResponse(response);
    if (valid.action !== 'refused' || valid.attempted === undefined) {
      throw new InputError("recordRefusal: expected action 'refused' with the attempted action");
    }
    const current = await getAlertItem(this.client, this.tableName, id);
    if (!current) return { ok: false, reason: 'not-found' };
    const Item = refusalItem(id, valid, this.newId(), current.expiresAt);
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item }));
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

  private decode(id: string, item: Record<string, AttributeValue> | undefined): Alert {
    const decoded = item ? readAlert(item) : { ok: false as const, problem: 'no item returned' };
    if (!decoded.ok)
      throw new EksAuditError('TRAIL_ITEM_INVALID', `alert ${id} cannot be read: ${decoded.problem}`);
    return decoded.value;
  }
}
