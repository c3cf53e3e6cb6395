import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { ensureTable } from './ensure-table';

/**
 * An embedded DynamoDB-compatible store (dynalite, in this process) for `npm start` and tests: nothing to
 * install but Node. With `dataDir`, it keeps its data in LevelDB files in that folder, so alerts survive a
 * restart; without, it lives in memory. Lacks transactions and TTL, which the audit trail does not need.
 * Never bundled into a Lambda: only the local entry points import this file.
 */
export interface EmbeddedDynamoOptions {
  /** Folder for the data (created if missing); in memory when absent. */
  readonly dataDir?: string;
  /** The audit table to create if missing. */
  readonly tableName: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
}

export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>`: the endpoint any DynamoDB client (or the AWS CLI) can use. */
  readonly endpoint: string;
  /** A real SDK client with dummy credentials, pointed at the endpoint. */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Stops the server and closes the store (the data folder is flushed and released). */
  close(): Promise<void>;
}

/**
 * Starts the embedded store and makes sure the audit table exists.
 *
 * @example
 * const store = await startEmbeddedDynamo({ dataDir: '.data/dynamodb', tableName: 'eks-audit-trail' });
 * const trail = new DynamoAuditTrail({ client: store.client, tableName: store.tableName });
 * // ...
 * await store.close();
 */
export async function startEmbeddedDynamo(options: EmbeddedDynamoOptions): Promise<EmbeddedDynamo> {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir === undefined ? {} : { path: options.dataDir }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const endpoint = `http://${address}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const close = async (): Promise<void> => {
    client.destroy();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  };
  try {
    await ensureTable(client, options.tableName, { pollMs: 10 });
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint, client, tableName: options.tableName, close };
}
