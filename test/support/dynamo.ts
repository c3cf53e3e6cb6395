import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAuditTrail, type DynamoAuditTrailOptions } from '../../src/adapters/dynamodb/audit-trail';
import { startEmbeddedDynamo } from '../../src/adapters/dynamodb/embedded';

/** A DynamoDB-compatible server for tests: dynalite in this process, in memory, on 127.0.0.1 and a free port. */
export interface TestDynamo {
  readonly endpoint: string;
  /** The real SDK client (dummy credentials), pointed at the server. */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite with the audit table created.
 *
 * @example
 * const dynamo = await startTestDynamo();
 * afterAll(() => dynamo.close());
 */
export async function startTestDynamo(
  options: { dataDir?: string; tableName?: string } = {},
): Promise<TestDynamo> {
  return startEmbeddedDynamo({
    tableName: options.tableName ?? 'eks-audit-trail-test',
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
}

/** A trail on the test server; options override the defaults (e.g. `retentionDays`, `newId`). */
export function aTrail(dynamo: TestDynamo, options: Partial<DynamoAuditTrailOptions> = {}): DynamoAuditTrail {
  return new DynamoAuditTrail({ client: dynamo.client, tableName: dynamo.tableName, ...options });
}

/**
 * Records the names of the commands a client sends (QueryCommand, ScanCommand, ...): observing the real client,
 * not mocking it. `stop()` takes the recorder off the client again.
 */
export function recordCommands(client: DynamoDBClient): { names: string[]; stop(): void } {
  const names: string[] = [];
  const name = `recordCommandNames-${Math.random().toString(36).slice(2)}`;
  client.middlewareStack.add(
    (next, context) => (args) => {
      names.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { names, stop: () => client.middlewareStack.remove(name) };
}
