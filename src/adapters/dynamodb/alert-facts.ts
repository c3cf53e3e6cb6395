import {
  type AttributeValue,
  type DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AlertFact } from '../../report/facts';
import type { AlertFactQuery, AlertFactSource, AlertFactsResult } from '../../report/ports';
import { InputError } from '../../shared/errors';
import { timeRange } from './inputs';
import { monthBucket } from './keys';
import type { InvalidItemHook } from './queries';
import { factProjection, readReportItem } from './report-fact';
import { auditIndexKeys, auditTableIndexes } from './table';

/** What `DynamoAlertFacts` is built from. */
export interface DynamoAlertFactsOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Queries in flight at once (default 8): a window is read as one Query per UTC day, in parallel. */
  readonly concurrency?: number;
  /** Told about every item that cannot be read (it is skipped and counted). */
  readonly onInvalidItem?: InvalidItemHook;
}

const DAY_MS = 86_400_000;

/**
 * Reads alert facts for reports from the slim `reportByTime` index: Queries only (never a Scan), one per UTC
 * day of the window so that DynamoDB serves them in parallel (a day never spans two month buckets), each
 * followed over its pages. A report on one cluster filters on the projected `cluster` attribute.
 *
 * @example
 * const facts = new DynamoAlertFacts({ client, tableName: env.TABLE_NAME });
 * const { facts: list } = await facts.listFacts({ from, to });
 */
export class DynamoAlertFacts implements AlertFactSource {
  private readonly concurrency: number;
  private readonly onInvalidItem: InvalidItemHook;

  constructor(private readonly options: DynamoAlertFactsOptions) {
    const concurrency = options.concurrency ?? 8;
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new InputError(`concurrency: expected a whole number >= 1, got ${concurrency}`);
    this.concurrency = concurrency;
    this.onInvalidItem = options.onInvalidItem ?? (() => {});
  }

  async listFacts(query: AlertFactQuery): Promise<AlertFactsResult> {
    timeRange(query.from, query.to);
    if (query.cluster !== undefined && query.cluster.trim() === '')
      throw new InputError('cluster: expected a cluster name');
    const segments = daySegments(query.from, query.to);
    const results: AlertFact[][] = new Array(segments.length);
    let skipped = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < segments.length) {
        const index = next++;
        const read = await this.readSegment(segments[index] as Segment, query.cluster);
        results[index] = read.facts;
        skipped += read.skipped;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, segments.length) }, worker));
    return { facts: results.flat(), skipped };
  }

  private async readSegment(segment: Segment, cluster: string | undefined) {
    const facts: AlertFact[] = [];
    let skipped = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.options.client.send(new QueryCommand(this.input(segment, cluster, startKey)));
      for (const item of page.Items ?? []) {
        const read = readReportItem(item);
        if (read.ok) facts.push(read.fact);
        else {
          skipped++;
          this.onInvalidItem(String(item.rf?.S?.slice(0, 80) ?? '(no rf)'), read.problem);
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { facts, skipped };
  }

  private input(
    segment: Segment,
    cluster: string | undefined,
    startKey: Record<string, AttributeValue> | undefined,
  ): QueryCommandInput {
    const key = auditIndexKeys.reportByTime;
    return {
      TableName: this.options.tableName,
      IndexName: auditTableIndexes.reportByTime,
      KeyConditionExpression: '#h = :h AND #r BETWEEN :from AND :to',
      ProjectionExpression: factProjection.ProjectionExpression,
      ...(cluster === undefined ? {} : { FilterExpression: '#c = :c' }),
      ExpressionAttributeNames: {
        '#h': key.hash,
        '#r': key.range,
        ...factProjection.names,
        ...(cluster === undefined ? {} : { '#c': 'cluster' }),
      },
      ExpressionAttributeValues: {
        ':h': { S: monthBucket(segment.from) },
        ':from': { S: segment.from },
        ':to': { S: segment.to },
        ...(cluster === undefined ? {} : { ':c': { S: cluster } }),
      },
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    };
  }
}

/** A slice of the window within one UTC day, as `timeKey` bounds ([from, to) through BETWEEN, see inputs.ts). */
interface Segment {
  readonly from: string;
  readonly to: string;
}

/**
 * [from, to) cut at UTC midnights: each piece lies in one month bucket, and pieces can be read in parallel.
 *
 * @example
 * daySegments(new Date('2026-11-01T12:00Z'), new Date('2026-11-02T06:00Z')).length; // 2
 */
export function daySegments(from: Date, to: Date): Segment[] {
  const segments: Segment[] = [];
  let start = from.getTime();
  const end = to.getTime();
  while (start < end) {
    const midnight = Math.floor(start / DAY_MS) * DAY_MS + DAY_MS;
    const stop = Math.min(midnight, end);
    segments.push({ from: new Date(start).toISOString(), to: new Date(stop).toISOString() });
    start = stop;
  }
  return segments;
}
