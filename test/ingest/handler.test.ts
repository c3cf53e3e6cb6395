import { beforeEach, describe, expect, it } from 'vitest';
import { skipReasons } from '../../src/detect/stats';
import { FindingSchema } from '../../src/finding/schema';
import { createIngestHandler } from '../../src/ingest/create-handler';
import { UnpublishedFindingsError } from '../../src/ingest/errors';
import { MAX_SKIP_LINES } from '../../src/ingest/ingest';
import { loadIngestRuleSet } from '../../src/ingest/rules-file';
import type { IngestSummary } from '../../src/ingest/summary';
import { aControlMessageEvent, anAuditEvent, aSubscriptionEvent, truncated } from '../fixtures/audit/events';
import { useLocalSns } from '../support/sns-client';
import { changes, clusterAdminBinding, noise, podExec, secretDelete, secretDeleteReceived } from './batch';

// End to end: a real gzipped + base64 subscription event into the handler, findings out through the real
// @aws-sdk/client-sns to the local SNS server (test/support/sns-server.ts). Nothing is mocked; our SNS retry
// backoff sleeps are recorded instead of waited, and the SDK's own retries are off (maxAttempts 1).

const NOW = new Date('2026-11-20T14:01:09.000Z');
const sns = useLocalSns();
let lines: string[];
let sleeps: number[];

function ingestHandler(env: Record<string, string> = {}) {
  return createIngestHandler({
    env: {
      FINDINGS_TOPIC_ARN: sns.server.topicArn,
      AWS_REGION: 'eu-west-1',
      ACCOUNT_NAME: 'production',
      ...env,
    },
    loadRules: loadIngestRuleSet,
    snsClient: sns.client,
    clock: () => NOW,
    writeLog: (line) => lines.push(line),
    retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 1 },
  });
}
const logRecords = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const publishedFindings = () => sns.server.published.map((p) => FindingSchema.parse(JSON.parse(p.message)));
const skippedTotal = (summary: IngestSummary) => Object.values(summary.skipped).reduce((a, b) => a + b, 0);

beforeEach(() => {
  lines = [];
  sleeps = [];
});

describe('Ingest handler', () => {
  it('publishes one finding per manual change in a real subscription payload, and none for the noise', async () => {
    const summary = await ingestHandler()(aSubscriptionEvent([...changes, ...noise]), {
      awsRequestId: 'req-1',
    });

    expect(publishedFindings().map((f) => [f.auditId, f.rule.id, f.actor.displayName])).toEqual([
      [secretDelete.auditID, 'secret-change-protected', 'alice@example.com'],
      [clusterAdminBinding.auditID, 'rbac-binding-privileged-role', 'bob'],
      [podExec().auditID, 'pod-exec', 'carol@example.com'],
    ]);
    expect(summary).toMatchObject({ events: 6, findings: 3, published: 3, failed: 0, failures: [] });
    // Which detection reason each noise event gets is detect's business (test/detect); here: all three counted.
    expect(skippedTotal(summary)).toBe(noise.length);
    expect(Object.keys(summary.skipped).every((r) => (skipReasons as readonly string[]).includes(r))).toBe(
      true,
    );
    expect(sns.server.calls.map((c) => [c.action, c.entryIds.length])).toEqual([['PublishBatch', 3]]);
  });

  it('publishes findings that name the cluster, account and region, with filter attributes and a Subject', async () => {
    await ingestHandler()(aSubscriptionEvent([secretDelete]));

    const [message] = sns.server.published;
    const finding = FindingSchema.parse(JSON.parse(message?.message ?? ''));
    expect(finding.where).toEqual({
      cluster: 'prod-eu',
      accountId: '111122223333',
      accountName: 'production',
      region: 'eu-west-1',
      logGroup: '/aws/eks/prod-eu/cluster',
      logStream: 'kube-apiserver-audit-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    });
    expect(finding.detectedAt).toBe(NOW.toISOString());
    expect(message?.subject).toBe('[HIGH] prod-eu: alice@example.com deleted secret kube-system/db-creds');
    expect(message?.attributes).toEqual({
      severity: { dataType: 'String', value: 'high' },
      cluster: { dataType: 'String', value: 'prod-eu' },
      namespace: { dataType: 'String', value: 'kube-system' },
      rule: { dataType: 'String', value: 'secret-change-protected' },
      actorType: { dataType: 'String', value: 'human' },
      outcome: { dataType: 'String', value: 'allowed' },
      schemaVersion: { dataType: 'Number', value: '1' },
    });
  });

  it('names the cluster CLUSTER_NAME gives, and ACCOUNT_ID when the payload owner is not an account', async () => {
    const handler = ingestHandler({ CLUSTER_NAME: 'payments-prod', ACCOUNT_ID: '444455556666' });
    await handler(aSubscriptionEvent([secretDelete], { owner: 'CloudwatchLogs' }));

    const [finding] = publishedFindings();
    expect(finding?.where).toMatchObject({ cluster: 'payments-prod', accountId: '444455556666' });
    expect(finding?.summary).toBe('alice@example.com deleted secret kube-system/db-creds on payments-prod');
  });

  it("names the cluster 'unknown' when the log group is not an EKS cluster's and CLUSTER_NAME is unset", async () => {
    await ingestHandler()(aSubscriptionEvent([secretDelete], { logGroup: '/custom/k8s-audit' }));

    expect(publishedFindings()[0]?.where).toMatchObject({
      cluster: 'unknown',
      logGroup: '/custom/k8s-audit',
    });
  });

  it('publishes every good finding of a batch mixing good, malformed, truncated and non-audit events', async () => {
    const batch = [
      secretDelete,
      '{"kind":"Event" "verb":"delete"}',
      truncated(clusterAdminBinding, 300),
      'E1120 14:01:07.123456 kube-apiserver: not JSON at all',
      { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'api' } },
      podExec(),
    ];
    const summary = await ingestHandler()(aSubscriptionEvent(batch), { awsRequestId: 'req-2' });

    expect(publishedFindings().map((f) => f.auditId)).toEqual([secretDelete.auditID, podExec().auditID]);
    expect(summary).toMatchObject({ events: 6, findings: 2, published: 2, failed: 0 });
    expect(summary.skipped).toEqual({ 'malformed-json': 2, truncated: 1, 'not-audit-event': 1 });
    expect(summary.findings + skippedTotal(summary)).toBe(summary.events);
    const skips = logRecords().filter((r) => r.message === 'log event skipped');
    expect(skips.map((r) => [r.level, r.reason, r.requestId])).toEqual([
      ['warn', 'malformed-json', 'req-2'],
      ['warn', 'truncated', 'req-2'],
      ['warn', 'malformed-json', 'req-2'],
      ['warn', 'not-audit-event', 'req-2'],
    ]);
    expect(skips.map((r) => r.where)).toEqual(
      [1, 2, 3, 4].map((i) => expect.stringContaining(`#${i} (log event`)),
    );
  });

  it('logs the first skipped events one by one and the rest as one count', async () => {
    const junk = Array.from({ length: MAX_SKIP_LINES + 5 }, (_, i) => `not json ${i}`);
    const summary = await ingestHandler()(aSubscriptionEvent([...junk, secretDelete]));

    expect(summary).toMatchObject({
      events: MAX_SKIP_LINES + 6,
      published: 1,
      skipped: { 'malformed-json': MAX_SKIP_LINES + 5 },
    });
    const records = logRecords();
    expect(records.filter((r) => r.message === 'log event skipped')).toHaveLength(MAX_SKIP_LINES);
    expect(records.find((r) => r.message === 'more log events skipped')).toMatchObject({ notLogged: 5 });
  });

  it('never logs an audit body, only ids and counts', async () => {
    const withBody = anAuditEvent({
      auditID: 'c3000000-0000-4000-8000-000000000001',
      requestObject: { data: { password: 'czNjcjN0' } },
    });
    await ingestHandler({ LOG_LEVEL: 'debug' })(aSubscriptionEvent([withBody, truncated(withBody, 400)]));

    const text = lines.join('\n');
    expect(text).toContain('c3000000-0000-4000-8000-000000000001');
    expect(text).not.toContain('czNjcjN0');
    expect(text).not.toContain('EKS Access Policy');
    expect(logRecords().filter((r) => r.message === 'ingest summary')).toHaveLength(1);
  });

  it('makes one finding per audit id when a request is logged at several stages', async () => {
    const batch = [
      secretDeleteReceived,
      podExec('ResponseStarted'),
      secretDelete,
      podExec('ResponseComplete'),
    ];
    const summary = await ingestHandler()(aSubscriptionEvent(batch));

    expect(publishedFindings().map((f) => [f.auditId, f.stage])).toEqual([
      [secretDelete.auditID, 'ResponseComplete'],
      [podExec().auditID, 'ResponseComplete'],
    ]);
    expect(summary.skipped).toEqual({ 'duplicate stage': 2 });
  });

  it('acknowledges a CONTROL_MESSAGE and publishes nothing', async () => {
    const summary = await ingestHandler()(aControlMessageEvent());

    expect(summary).toMatchObject({
      events: 0,
      findings: 0,
      published: 0,
      skipped: { 'control-message': 1 },
    });
    expect(sns.server.calls).toEqual([]);
    expect(logRecords().map((r) => r.message)).toContain('CloudWatch Logs control message acknowledged');
  });

  it('skips an event that is not a CloudWatch Logs subscription event, without throwing', async () => {
    const handler = ingestHandler();
    const notAnEnvelope = await handler({ Records: [] });
    const notGzip = await handler({ awslogs: { data: Buffer.from('plain text').toString('base64') } });

    expect(notAnEnvelope.skipped).toEqual({ 'invalid-envelope': 1 });
    expect(notGzip.skipped).toEqual({ 'invalid-envelope': 1 });
    expect(sns.server.calls).toEqual([]);
  });

  it('retries an entry SNS failed, and publishes it', async () => {
    sns.server.failEntries(
      (entry) => entry.attempt === 1 && entry.message.includes(podExec().auditID as string),
    );
    const summary = await ingestHandler()(aSubscriptionEvent(changes));

    expect(summary).toMatchObject({ findings: 3, published: 3, failed: 0 });
    expect(publishedFindings().map((f) => f.auditId)).toEqual(changes.map((c) => c.auditID));
    expect(sleeps).toHaveLength(1);
  });

  it('throws an error naming the unpublished findings when SNS keeps failing, after publishing the rest', async () => {
    sns.server.failEntries((entry) => entry.message.includes(clusterAdminBinding.auditID as string));
    const handler = ingestHandler();

    const error = await handler(aSubscriptionEvent(changes), { awsRequestId: 'req-3' }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(UnpublishedFindingsError);
    const failures = (error as UnpublishedFindingsError).failures;
    expect(failures).toHaveLength(1);
    const unpublishedId = failures[0]?.findingId as string;
    expect((error as Error).message).toBe(
      `1 of 3 findings not published to SNS: ${unpublishedId} (InternalError)`,
    );
    expect(publishedFindings().map((f) => f.auditId)).toEqual([secretDelete.auditID, podExec().auditID]);
    expect(sleeps).toHaveLength(3);
    const summaryLine = logRecords().find((r) => String(r.message).startsWith('ingest summary'));
    expect(summaryLine).toMatchObject({ level: 'error', requestId: 'req-3', failed: 1, published: 2 });
    expect(summaryLine?.failures).toEqual([{ findingId: unpublishedId, code: 'InternalError' }]);
  });

  it('throws naming every finding when SNS is down for the whole batch', async () => {
    sns.server.failNext(100, 'unavailable');
    const error = await ingestHandler()(aSubscriptionEvent(changes)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnpublishedFindingsError);
    expect((error as UnpublishedFindingsError).failures.map((f) => f.code)).toEqual(
      Array(3).fill('ServiceUnavailable'),
    );
    expect((error as Error).message).toMatch(
      /^3 of 3 findings not published to SNS: f-\w+ \(ServiceUnavailable\), /,
    );
    expect(sns.server.published).toEqual([]);
  });
});
