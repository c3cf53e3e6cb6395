import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { EksAuditError } from '../../shared/errors';
import { createTableInput } from './table';

/** How `ensureTable` waits. */
export interface EnsureTableOptions {
  /** How long to wait for the table to become ACTIVE; default 30 s. */
  readonly timeoutMs?: number;
  /** Pause between DescribeTable calls; default 100 ms. */
  readonly pollMs?: number;
}

/**
 * Creates the audit table if it is missing and waits until it is ACTIVE. For local stores and tests only: in
 * AWS the table is a CloudFormation resource (with TTL, recovery and deletion protection, which CreateTable
 * does not set).
 *
 * @example
 * await ensureTable(client, 'eks-audit-trail');
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 100;
  if ((await tableStatus(client, tableName)) === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      // Another process created it between our look and our create: fine, wait for it like ours.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await tableStatus(client, tableName);
    if (status === 'ACTIVE') return;
    if (performance.now() > deadline) {
      throw new EksAuditError(
        'TABLE_NOT_READY',
        `table ${tableName} is ${status ?? 'missing'} after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    const result = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return result.Table?.TableStatus ?? 'UNKNOWN';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
