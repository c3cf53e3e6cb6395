import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { AlertResponse, PostedMessage } from '../../triage/model';
import { triageLimits } from '../../triage/schemas';
import { messageAttr, responseAttr } from './codec';
import { alertPartition, refusalSortKey } from './keys';

/**
 * The single conditional UpdateItem that records one response. Each one appends to `responses` with
 * `list_append` and, in the same atomic write, sets what makes it happen once (`acknowledged`, `escalated`)
 * or counts it (`justifications`), and takes the alert out of the sparse `open` index. One item, one write:
 * atomic on DynamoDB and on the local servers alike, with no transactions needed.
 */
export function respondUpdate(
  tableName: string,
  key: Record<string, AttributeValue>,
  response: AlertResponse & { action: 'acknowledge' | 'justify' | 'escalate' },
): UpdateItemCommandInput {
  const entry = responseAttr(response);
  const common = {
    TableName: tableName,
    Key: key,
    ReturnValues: 'ALL_NEW' as const,
    // Real DynamoDB returns the item that failed the condition, sparing a read; local servers ignore this.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
  const append = 'responses = list_append(responses, :entry)';
  const leaveOpen = 'REMOVE openShard, openSince';
  if (response.action === 'justify') {
    return {
      ...common,
      UpdateExpression: `SET ${append}, justifications = justifications + :one ${leaveOpen}`,
      ConditionExpression: 'attribute_exists(pk) AND justifications < :max',
      ExpressionAttributeValues: {
        ':entry': { L: [entry] },
        ':one': { N: '1' },
        ':max': { N: String(triageLimits.maxJustifications) },
      },
    };
  }
  const once = response.action === 'acknowledge' ? 'acknowledged' : 'escalated';
  return {
    ...common,
    UpdateExpression: `SET ${append}, #once = :response ${leaveOpen}`,
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#once)',
    ExpressionAttributeNames: { '#once': once },
    ExpressionAttributeValues: { ':entry': { L: [entry] }, ':response': entry },
  };
}

/**
 * Appends where a card was posted. `messageKeys` (a string set) makes a retried post a no-op instead of a
 * duplicate, and the size condition keeps the list bounded.
 */
export function messageUpdate(
  tableName: string,
  key: Record<string, AttributeValue>,
  message: PostedMessage,
): UpdateItemCommandInput {
  const messageKey = postedMessageKey(message);
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: 'SET messages = list_append(messages, :m) ADD messageKeys :keys',
    ConditionExpression: 'attribute_exists(pk) AND NOT contains(messageKeys, :key) AND size(messages) < :max',
    ExpressionAttributeValues: {
      ':m': { L: [messageAttr(message)] },
      ':keys': { SS: [messageKey] },
      ':key': { S: messageKey },
      ':max': { N: String(triageLimits.maxMessages) },
    },
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

/** Identifies a posted message within its alert. */
export function postedMessageKey(message: PostedMessage): string {
  return `${message.platform}/${message.channel}/${message.messageId}`;
}

/** A refused attempt as an item of its own, beside its alert, living and expiring with it. */
export function refusalItem(
  id: string,
  response: AlertResponse,
  unique: string,
  expiresAt: AttributeValue | undefined,
): Record<string, AttributeValue> {
  return {
    pk: { S: alertPartition(id) },
    sk: { S: refusalSortKey(response.at, unique) },
    response: responseAttr(response),
    ...(expiresAt ? { expiresAt } : {}),
  };
}
