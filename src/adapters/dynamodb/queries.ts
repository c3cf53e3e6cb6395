import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { InputError } from '../../shared/errors';
import type { Alert } from '../../triage/model';
import type { AlertPage, ListOrder, PageQuery } from '../../triage/ports';
import { readAlert } from './codec';
import { decodeCursor, encodeCursor } from './cursor';
import { type AuditTableIndex, auditIndexKeys, auditTableAttributes } from './table';

/** One listing: an index, the partitions to read in order (oldest first), and an optional sort-key range. */
export interface ListingSpec {
  readonly index: AuditTableIndex;
  readonly partitions: readonly string[];
  /** Sort-key bounds, inclusive; `timeKey` values are `<time>#<id>`, so [from, to) falls out of BETWEEN. */
  readonly range?: { readonly from: string; readonly to: string };
}

/** Called for every stored item that cannot be read back; the item is skipped, the page goes on. */
export type InvalidItemHook = (key: string, problem: string) => void;

/** Page size when the caller gives none. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest page a caller may ask for (a report reads many pages of this size). */
export const MAX_PAGE_SIZE = 1000;

/**
 * Runs a listing as DynamoDB Queries (never a Scan), one partition after another, until the page is full.
 * Each Query asks for one item more than the page still needs: if it comes back, there is a next page and
 * the cursor points at the last item returned, so a last page is never an empty one.
 */
export async function queryPage(
  client: DynamoDBClient,
  tableName: string,
  spec: ListingSpec,
  query: PageQuery,
  onInvalid: InvalidItemHook,
): Promise<AlertPage> {
  const limit = pageSize(query.limit);
  const order: ListOrder = query.order ?? 'oldest-first';
  const partitions = order === 'oldest-first' ? [...spec.partitions] : [...spec.partitions].reverse();
  const start = query.cursor ? decodeCursor(query.cursor, spec.index, partitions) : undefined;
  const items: Alert[] = [];
  let skipped = 0;
  const first = start ? partitions.indexOf(start.partition) : 0;
  for (let p = first; p < partitions.length; p++) {
    const partition = partitions[p] as string;
    let startKey = p === first ? start?.lastKey : undefined;
    let lastKey = startKey;
    do {
      const result = await client.send(
        new QueryCommand(queryInput(tableName, spec, partition, order, limit - items.length + 1, startKey)),
      );
      for (const item of result.Items ?? []) {
        if (items.length === limit)
          return { items, skipped, cursor: cursorAt(spec.index, partition, lastKey) };
        lastKey = keyOf(item, spec.index);
        const alert = readAlert(item);
        if (alert.ok) items.push(alert.value);
        else {
          skipped++;
          onInvalid(item.pk?.S ?? '(no key)', alert.problem);
        }
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
  }
  return { items, skipped };
}

function cursorAt(
  index: AuditTableIndex,
  partition: string,
  lastKey: Record<string, AttributeValue> | undefined,
) {
  return encodeCursor({ index, partition, ...(lastKey ? { lastKey } : {}) });
}

function queryInput(
  tableName: string,
  spec: ListingSpec,
  partition: string,
  order: ListOrder,
  limit: number,
  startKey: Record<string, AttributeValue> | undefined,
) {
  const key = auditIndexKeys[spec.index];
  return {
    TableName: tableName,
    IndexName: spec.index,
    KeyConditionExpression: spec.range ? '#h = :h AND #r BETWEEN :from AND :to' : '#h = :h',
    ExpressionAttributeNames: { '#h': key.hash, ...(spec.range ? { '#r': key.range } : {}) },
    ExpressionAttributeValues: {
      ':h': { S: partition },
      ...(spec.range ? { ':from': { S: spec.range.from }, ':to': { S: spec.range.to } } : {}),
    },
    ScanIndexForward: order === 'oldest-first',
    Limit: limit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

/** The key DynamoDB needs to resume a Query on `index` after `item`: the table key plus the index key. */
function keyOf(item: Record<string, AttributeValue>, index: AuditTableIndex): Record<string, AttributeValue> {
  const names = [auditTableAttributes.partitionKey, auditTableAttributes.sortKey, auditIndexKeys[index].hash];
  const key: Record<string, AttributeValue> = {};
  for (const name of [...names, auditIndexKeys[index].range]) {
    const value = item[name];
    if (value) key[name] = value;
  }
  return key;
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InputError(`limit: expected a whole number from 1 to ${MAX_PAGE_SIZE}, got ${limit}`);
  }
  return limit;
}
