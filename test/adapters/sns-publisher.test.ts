import { beforeEach, describe, expect, it } from 'vitest';
import type { PublisherLog } from '../../src/adapters/sns/log';
import { SnsFindingPublisher } from '../../src/adapters/sns/sns-finding-publisher';
import { type Finding, FindingSchema } from '../../src/finding/schema';
import { aFinding } from '../support/builders';
import { testSnsClient, useLocalSns } from '../support/sns-client';

// The real @aws-sdk/client-sns against the local SNS server (test/support/sns-server.ts); nothing is mocked.
// The SDK's own retries are off (maxAttempts 1) and our backoff sleeps are recorded instead of waited.

const sns = useLocalSns();
let sleeps: number[];
let logs: { level: string; message: string; fields: unknown }[];
const log: PublisherLog = {
  info: (message, fields) => logs.push({ level: 'info', message, fields }),
  warn: (message, fields) => logs.push({ level: 'warn', message, fields }),
};
const publisher = (topicArn = sns.server.topicArn) =>
  new SnsFindingPublisher(sns.client, {
    topicArn,
    log,
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 1 },
  });
const findings = (n: number, overrides: (i: number) => Parameters<typeof aFinding>[0] = () => ({})) =>
  Array.from({ length: n }, (_, i) => aFinding({ id: `f-${i}`, ...overrides(i) }));
const batchCalls = () => sns.server.calls.filter((c) => c.action === 'PublishBatch');

beforeEach(() => {
  sleeps = [];
  logs = [];
});

describe('SnsFindingPublisher', () => {
  it('publishes 25 findings in 3 PublishBatch calls, each message the finding JSON', async () => {
    const sent = findings(25);
    const result = await publisher().publish(sent);
    expect(result).toEqual({ published: 25, failed: 0, failures: [] });
    expect(batchCalls().map((c) => c.entryIds.length)).toEqual([10, 10, 5]);
    const received = sns.server.published.map((p) => FindingSchema.parse(JSON.parse(p.message)));
    expect(received).toEqual(sent);
  });

  it('sets filter-policy attributes and a readable Subject for e-mail', async () => {
    await publisher().publish([aFinding()]);
    const [message] = sns.server.published;
    expect(message?.subject).toBe('[HIGH] prod-eu: alice@example.com deleted secret kube-system/db-creds');
    expect(message?.attributes).toEqual({
      severity: { dataType: 'String', value: 'high' },
      cluster: { dataType: 'String', value: 'prod-eu' },
      namespace: { dataType: 'String', value: 'kube-system' },
      rule: { dataType: 'String', value: 'secret-change-protected-namespace' },
      actorType: { dataType: 'String', value: 'human' },
      outcome: { dataType: 'String', value: 'allowed' },
      schemaVersion: { dataType: 'Number', value: '1' },
    });
  });

  it('leaves out the namespace attribute for cluster-scoped objects, and empty values', async () => {
    const clusterScoped = aFinding({ action: { namespace: '', resource: 'clusterrolebindings' } });
    await publisher().publish([clusterScoped]);
    expect(Object.keys(sns.server.published[0]?.attributes ?? {})).not.toContain('namespace');
  });

  it('makes any summary a Subject SNS accepts: ASCII, one line, under 100 characters', async () => {
    const summary = `José\ndeleted 秘密 ${'very-long-name-'.repeat(10)} on prod-eu`;
    const result = await publisher().publish([aFinding({ summary, severity: 'critical' })]);
    expect(result.published).toBe(1);
    const subject = sns.server.published[0]?.subject ?? '';
    expect(subject).toMatch(/^\[CRITICAL\] prod-eu: Jose deleted \?\? very-long-name-/);
    expect(subject).toMatch(/^[\x20-\x7e]{1,99}$/);
    expect(subject.endsWith('...')).toBe(true);
  });

  it('turns finding ids into distinct valid batch entry ids', async () => {
    const ids = ['f:a/b', 'f:a/b', `f-${'x'.repeat(100)}`, `f-${'x'.repeat(100)}`, ''];
    const sent = ids.map((id) => aFinding({ id }));
    const result = await publisher().publish(sent);
    expect(result.published).toBe(5);
    expect(batchCalls()[0]?.entryIds).toEqual([
      'f_a_b',
      'f_a_b_2',
      `f-${'x'.repeat(78)}`,
      `f-${'x'.repeat(76)}_2`,
      'finding',
    ]);
  });

  it('splits large findings into batches within 256 KiB', async () => {
    const big = (i: number) => ({ reasons: [`${i}:${'r'.repeat(60_000)}`] });
    const result = await publisher().publish(findings(10, big));
    expect(result).toMatchObject({ published: 10, failed: 0 });
    const sizes = batchCalls().map((c) => c.entryIds.length);
    expect(sizes).toEqual([4, 4, 2]);
    expect(batchCalls().every((c) => c.status === 200)).toBe(true);
  });

  it('reports a finding too large for SNS without sending it, and publishes the others', async () => {
    const huge = aFinding({ id: 'f-huge', reasons: ['r'.repeat(300_000)] });
    const result = await publisher().publish([huge, ...findings(2)]);
    expect(result.published).toBe(2);
    expect(result.failures).toEqual([
      { findingId: 'f-huge', code: 'MessageTooLarge', reason: expect.any(String) },
    ]);
    expect(sns.server.calls.flatMap((c) => c.entryIds)).not.toContain('f-huge');
  });

  it('retries entries SNS lists as Failed, then publishes them', async () => {
    sns.server.failEntries((e) => e.attempt === 1 && ['f-3', 'f-7'].includes(e.id));
    const result = await publisher().publish(findings(10));
    expect(result).toEqual({ published: 10, failed: 0, failures: [] });
    expect(batchCalls().map((c) => c.entryIds)).toEqual([findings(10).map((f) => f.id), ['f-3', 'f-7']]);
    expect(sleeps).toEqual([200]);
  });

  it('reports, with ids and reasons, entries that still fail after bounded backoff', async () => {
    sns.server.failEntries((e) => e.id === 'f-1');
    const result = await publisher().publish(findings(3));
    expect(result.published).toBe(2);
    expect(result.failures).toEqual([
      { findingId: 'f-1', code: 'InternalError', reason: 'InternalError: Internal error' },
    ]);
    expect(batchCalls()).toHaveLength(4);
    expect(sleeps).toEqual([200, 400, 800]);
    expect(logs.at(-1)).toMatchObject({
      level: 'warn',
      fields: { failed: 1, failures: [{ findingId: 'f-1' }] },
    });
  });

  it('does not retry entries SNS blames on the sender', async () => {
    sns.server.failEntries((e) => e.id === 'f-0', {
      code: 'InvalidParameter',
      message: 'bad',
      senderFault: true,
    });
    const result = await publisher().publish(findings(2));
    expect(result).toMatchObject({
      published: 1,
      failed: 1,
      failures: [{ findingId: 'f-0', code: 'InvalidParameter' }],
    });
    expect(batchCalls()).toHaveLength(1);
  });

  it('retries a throttled or failed call as a whole, then succeeds', async () => {
    sns.server.failNext(1, 'throttling');
    sns.server.failNext(1, 'internal');
    const result = await publisher().publish(findings(3));
    expect(result).toEqual({ published: 3, failed: 0, failures: [] });
    expect(batchCalls().map((c) => c.status)).toEqual([400, 500, 200]);
    expect(sleeps).toEqual([200, 400]);
  });

  it('reports every finding when the topic does not exist, without retrying', async () => {
    const missing = sns.server.topicArn.replace('eks-audit-findings', 'deleted-topic');
    const result = await publisher(missing).publish(findings(12));
    expect(result.failed).toBe(12);
    expect(new Set(result.failures.map((f) => f.code))).toEqual(new Set(['NotFound']));
    expect(batchCalls()).toHaveLength(2);
    expect(sleeps).toEqual([]);
  });

  it('splits a batch SNS rejects because of one entry, so the others are still published', async () => {
    sns.server.failCallsContaining((e) => e.id === 'f-6');
    const result = await publisher().publish(findings(10));
    expect(result.published).toBe(9);
    expect(result.failures).toEqual([
      { findingId: 'f-6', code: 'InvalidParameter', reason: expect.any(String) },
    ]);
  });

  it('retries when SNS cannot be reached, then reports the findings as not published', async () => {
    const unreachable = new SnsFindingPublisher(testSnsClient('http://127.0.0.1:1'), {
      topicArn: sns.server.topicArn,
      log,
      retry: { sleep: async (ms) => void sleeps.push(ms), maxAttempts: 2 },
    });
    const result = await unreachable.publish(findings(2));
    expect(result.failures.map((f) => f.code)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    expect(sleeps).toHaveLength(1);
  });

  it('logs ids and counts, never a message body', async () => {
    sns.server.failEntries((e) => e.id === 'f-0');
    const secretish: Finding = aFinding({
      id: 'f-0',
      summary: 'alice read secret kube-system/very-sensitive-name',
    });
    await publisher().publish([secretish, ...findings(2).slice(1)]);
    const logged = JSON.stringify(logs);
    expect(logged).toContain('f-0');
    expect(logged).not.toContain('very-sensitive-name');
    expect(logged).not.toContain('alice');
  });
});
