import type { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SnsMessagePublisher, SnsPublishError } from '../../src/adapters/sns/sns-message-publisher';
import { testSnsClient } from '../support/sns-client';
import { type SnsServer, startSnsServer } from '../support/sns-server';

// The real @aws-sdk/client-sns against the local SNS server; backoff sleeps are recorded, not waited.

let sns: SnsServer;
let client: SNSClient;
let sleeps: number[];
const quiet = { info: () => {}, warn: () => {} };
const publisher = () =>
  new SnsMessagePublisher(client, { log: quiet, retry: { sleep: async (ms) => void sleeps.push(ms) } });

beforeAll(async () => {
  sns = await startSnsServer({ topics: ['eks-audit-findings', 'eks-audit-escalations'] });
  client = testSnsClient(sns.endpoint);
});
afterAll(async () => {
  client.destroy();
  await sns.close();
});
beforeEach(() => {
  sns.reset();
  sleeps = [];
});

const escalations = () => sns.topicArn.replace('eks-audit-findings', 'eks-audit-escalations');

describe('SnsMessagePublisher', () => {
  it('publishes JSON with a valid Subject and typed attributes, leaving out empty ones', async () => {
    const message = { alertId: 'f-1', by: 'bob', note: 'please look\nnow' };
    const out = await publisher().publishJson(
      escalations(),
      '[ESCALATED]\nprod-eu: secret deleted',
      message,
      {
        severity: 'high',
        cluster: 'prod-eu',
        namespace: '',
        schemaVersion: 1,
      },
    );
    expect(sns.published).toEqual([
      expect.objectContaining({
        action: 'Publish',
        topicArn: escalations(),
        messageId: out.messageId,
        subject: '[ESCALATED] prod-eu: secret deleted',
        attributes: {
          severity: { dataType: 'String', value: 'high' },
          cluster: { dataType: 'String', value: 'prod-eu' },
          schemaVersion: { dataType: 'Number', value: '1' },
        },
      }),
    ]);
    expect(JSON.parse(sns.published[0]?.message ?? '')).toEqual(message);
  });

  it('retries a throttled publish, then succeeds', async () => {
    sns.failNext(2, 'throttled');
    await publisher().publishJson(escalations(), 'subject', { a: 1 });
    expect(sns.published).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
  });

  it('throws SnsPublishError with the SNS code, without retrying, for a missing topic', async () => {
    const missing = sns.topicArn.replace('eks-audit-findings', 'gone');
    const error = await publisher()
      .publishJson(missing, 'subject', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnsPublishError);
    expect(error).toMatchObject({ code: 'SNS_PUBLISH_FAILED', snsCode: 'NotFound' });
    expect(sleeps).toEqual([]);
  });

  it('throws SnsPublishError after bounded retries when SNS keeps failing', async () => {
    sns.failNext(10, 'internal');
    const error = await publisher()
      .publishJson(escalations(), 'subject', {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ snsCode: 'InternalError' });
    expect(sns.calls).toHaveLength(4);
  });

  it('refuses a message over 256 KiB before calling SNS', async () => {
    const error = await publisher()
      .publishJson(escalations(), 'subject', { text: 'x'.repeat(262_144) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ snsCode: 'MessageTooLarge' });
    expect(sns.calls).toEqual([]);
  });
});
