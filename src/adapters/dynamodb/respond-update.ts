import type { AttributeValue, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { AlertResponse } from '../../triage/model';
import { triageLimits } from '../../triage/schemas';
import { responseAttr } from './codec';

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
