import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type SnsServer, startSnsServer, TEST_REGION } from './sns-server';

/**
 * A real SNS client pointed at the local server. `maxAttempts` 1 by default: the SDK's own retries (and their
 * real backoff waits) are off, so tests see every fault and only our injected-sleep retries run.
 */
export function testSnsClient(endpoint: string, maxAttempts = 1): SNSClient {
  return new SNSClient({
    endpoint,
    region: TEST_REGION,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts,
  });
}

/** The local SNS server and a client for it, for one test file: see `useLocalSns`. */
export interface LocalSns {
  readonly server: SnsServer;
  readonly client: SNSClient;
}

/**
 * Starts the local SNS server and a client for the test file (beforeAll), stops both (afterAll) and forgets
 * what was published before each test (beforeEach). Read `server` and `client` inside tests and hooks only.
 *
 * @example
 * const sns = useLocalSns();
 * it('publishes', async () => { await publish(sns.client); expect(sns.server.published).toHaveLength(1); });
 */
export function useLocalSns(): LocalSns {
  let server: SnsServer | undefined;
  let client: SNSClient | undefined;
  beforeAll(async () => {
    server = await startSnsServer();
    client = testSnsClient(server.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.close();
  });
  beforeEach(() => server?.reset());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('useLocalSns: read the server and client inside tests and hooks');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get client() {
      return started(client);
    },
  };
}
