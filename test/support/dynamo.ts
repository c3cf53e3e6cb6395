import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAuditTrail, type DynamoAuditTrailOptions } from '../../src/adapters/dynamodb/audit-trail';
import { startEmbeddedDynamo } from '../../src/adapters/dynamodb/embedded';
import { ensureTable } from '../../src/adapters/dynamodb/ensure-table';

/**
 * A DynamoDB-compatible server for tests: dynalite in this process, in memory, on 127.0.0.1 and a free port.
 *
 * Set `EKS_AUDIT_TEST_DYNAMODB_ENDPOINT` (e.g. `http://127.0.0.1:8000` for AWS's DynamoDB Local) to run the
 * same tests against another server instead; each run then uses tables of its own.
 */
export interface TestDynamo {
  readonly endpoint: string;
  /** The real SDK client (dummy credentials), pointed at the server. */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  close(): Promise<void>;
}

export const externalEndpointVariable = 'EKS_AUDIT_TEST_DYNAMODB_ENDPOINT';

/**
 * Starts dynalite with the audit table created (or connects to the external server, see above).
 *
 * @example
 * const dynamo = await startTestDynamo();
 * afterAll(() => dynamo.close());
 */
export async function startTestDynamo(options: { tableName?: string } = {}): Promise<TestDynamo> {
  const tableName = options.tableName ?? 'eks-audit-trail-test';
  const external = process.env[externalEndpointVariable];
  if (external) return connectExternal(external, `${tableName}-${process.pid}-${Date.now()}`);
  return startEmbeddedDynamo({ tableName });
}

async function connectExternal(endpoint: string, tableName: string): Promise<TestDynamo> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, tableName, { pollMs: 20 });
  return { endpoint, client, tableName, close: async () => client.destroy() };
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
