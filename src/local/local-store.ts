import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail';
import { startEmbeddedDynamo } from '../adapters/dynamodb/embedded';
import { ensureTable } from '../adapters/dynamodb/ensure-table';
import type { Clock } from '../shared/clock';
import type { AuditTrail } from '../triage/ports';
import {
  claimOwner,
  isLiveOwner,
  readOwner,
  releaseOwner,
  removeStaleOwner,
  StoreInUseError,
  type StoreOwner,
  updateOwner,
} from './store-owner';

/** The audit table's name in the local store. */
export const LOCAL_TABLE_NAME = 'eks-audit-trail';

/** The audit trail of a data folder, opened by this process or shared with the one that has it open. */
export interface LocalStore {
  readonly trail: AuditTrail;
  readonly dataDir: string;
  /** The DynamoDB endpoint in use (any DynamoDB client or the AWS CLI can read the table there). */
  readonly endpoint: string;
  /** Set when another process (a running `eks-audit start`) has the store and this one talks to it. */
  readonly sharedWith?: StoreOwner;
  /** Records the local server's URL in the owner file, for the triage commands' messages. */
  announce(serverUrl: string): Promise<void>;
  /** Releases the store (stops the embedded one, removes the owner file), or just disconnects. */
  close(): Promise<void>;
}

/** How `openLocalStore` behaves. */
export interface OpenLocalStoreOptions {
  readonly dataDir: string;
  /** A server never shares; a triage command joins a running server's store. */
  readonly role: StoreOwner['role'];
  readonly clock: Clock;
  /** How long to wait for another owner that is starting, or for a short-lived triage command; 5 s. */
  readonly waitMs?: number;
}

/**
 * Opens the audit trail kept in `dataDir`: starts the embedded DynamoDB-compatible store on its files
 * (`<dataDir>/dynamodb`), or, for a triage command while `eks-audit start` runs, connects to that server's
 * store through the endpoint in `<dataDir>/owner.json`. Either way the same `DynamoAuditTrail` is used.
 *
 * @throws StoreInUseError when another live process holds the folder and sharing is not possible.
 * @example
 * const store = await openLocalStore({ dataDir: '.data', role: 'cli', clock: systemClock });
 * const alert = await store.trail.getAlert(id);
 * await store.close();
 */
export async function openLocalStore(options: OpenLocalStoreOptions): Promise<LocalStore> {
  const { dataDir, role, clock } = options;
  await mkdir(dataDir, { recursive: true });
  // Real elapsed time, not the injected clock: a pinned clock in tests must not make this wait forever.
  const deadline = performance.now() + (options.waitMs ?? 5_000);
  for (;;) {
    const owner = await readOwner(dataDir);
    if (owner && (await isLiveOwner(owner, clock()))) {
      if (role === 'cli' && owner.role === 'server' && owner.dynamoEndpoint !== null)
        return joinOwner(owner, dataDir);
      // A triage command finishes in a moment, and a server may be starting: wait for either, a little.
      if (performance.now() > deadline) throw new StoreInUseError(owner, dataDir);
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    if (owner) await removeStaleOwner(dataDir);
    const claimed = await openOwned(dataDir, role, clock);
    if (claimed) return claimed;
  }
}

async function openOwned(
  dataDir: string,
  role: StoreOwner['role'],
  clock: Clock,
): Promise<LocalStore | undefined> {
  let me: StoreOwner = { pid: process.pid, role, dynamoEndpoint: null, startedAt: clock().toISOString() };
  if (!(await claimOwner(dataDir, me))) return undefined;
  let embedded: Awaited<ReturnType<typeof startEmbeddedDynamo>>;
  try {
    embedded = await startEmbeddedDynamo({ dataDir: join(dataDir, 'dynamodb'), tableName: LOCAL_TABLE_NAME });
  } catch (error) {
    await releaseOwner(dataDir, me);
    throw error;
  }
  me = { ...me, dynamoEndpoint: embedded.endpoint };
  await updateOwner(dataDir, me);
  return {
    trail: new DynamoAuditTrail({ client: embedded.client, tableName: LOCAL_TABLE_NAME }),
    dataDir,
    endpoint: embedded.endpoint,
    async announce(serverUrl) {
      me = { ...me, serverUrl };
      await updateOwner(dataDir, me);
    },
    async close() {
      await embedded.close();
      await releaseOwner(dataDir, me);
    },
  };
}

async function joinOwner(owner: StoreOwner, dataDir: string): Promise<LocalStore> {
  const endpoint = owner.dynamoEndpoint ?? '';
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, LOCAL_TABLE_NAME, { pollMs: 10, timeoutMs: 5_000 });
  return {
    trail: new DynamoAuditTrail({ client, tableName: LOCAL_TABLE_NAME }),
    dataDir,
    endpoint,
    sharedWith: owner,
    announce: async () => {},
    close: async () => client.destroy(),
  };
}
