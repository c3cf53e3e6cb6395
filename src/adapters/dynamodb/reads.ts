import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { ALERT_SORT_KEY, alertPartition } from './keys';

/** An alert item's table key. */
export function alertKey(id: string): Record<string, AttributeValue> {
  return { pk: { S: alertPartition(id) }, sk: { S: ALERT_SORT_KEY } };
}

/** The alert item alone, strongly consistent (to explain a failed condition, or before a refusal). */
export async function getAlertItem(
  client: DynamoDBClient,
  tableName: string,
  id: string,
): Promise<Record<string, AttributeValue> | undefined> {
  const result = await client.send(
    new GetItemCommand({ TableName: tableName, Key: alertKey(id), ConsistentRead: true }),
  );
  return result.Item;
}

/**
 * The alert item and its refusal items: one strongly consistent Query on the alert's partition (followed
 * over pages, should refusals ever pass 1 MB).
 */
export async function queryAlertItems(
  client: DynamoDBClient,
  tableName: string,
  id: string,
): Promise<{ alert?: Record<string, AttributeValue>; refusals: Record<string, AttributeValue>[] }> {
  const items: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: alertPartition(id) } },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const alert = items.find((item) => item.sk?.S === ALERT_SORT_KEY);
  return { ...(alert ? { alert } : {}), refusals: items.filter((item) => item !== alert) };
}
