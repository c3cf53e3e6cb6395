import { SNSClient } from '@aws-sdk/client-sns';
import { TEST_REGION } from './sns-server';

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
