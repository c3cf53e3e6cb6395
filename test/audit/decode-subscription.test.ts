import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  clusterFromLogGroup,
  decodeSubscriptionEvent,
  decodeSubscriptionPayload,
} from '../../src/audit/decode/index';
import {
  ACCOUNT,
  aControlMessageEvent,
  anAuditEvent,
  aSubscriptionEvent,
  aSubscriptionPayload,
  encodeAwsLogs,
  truncated,
} from '../fixtures/audit/events';

describe('decodeSubscriptionEvent', () => {
  it('decodes a real gzipped, base64 DATA_MESSAGE into events with their log event ids', () => {
    const events = [anAuditEvent({ auditID: 'a1' }), anAuditEvent({ auditID: 'a2', verb: 'get' })];
    const result = decodeSubscriptionEvent(aSubscriptionEvent(events));
    if (!result.ok) throw new Error(result.problem.detail);
    const { batch } = result;
    expect(batch).toMatchObject({
      messageType: 'DATA_MESSAGE',
      owner: ACCOUNT,
      logGroup: '/aws/eks/prod-eu/cluster',
      cluster: 'prod-eu',
      subscriptionFilters: ['eks-audit-bot'],
    });
    expect(batch.items.map((item) => item.ok && item.event.auditID)).toEqual(['a1', 'a2']);
    expect(batch.items[1]?.where).toEqual({
      source: 'awslogs',
      index: 1,
      logEventId: '38000000000000000000000000000000000000000000000000000001',
    });
    expect(batch.items[0]?.ok && batch.items[0].message).toBe(JSON.stringify(events[0]));
    expect(batch.stats).toEqual({ eventsRead: 2, skipped: {}, controlMessages: 0 });
  });

  it('acknowledges a CONTROL_MESSAGE with no items, counting it', () => {
    const result = decodeSubscriptionEvent(aControlMessageEvent());
    expect(result.ok && result.batch.items).toEqual([]);
    expect(result.ok && result.batch.stats.controlMessages).toBe(1);
  });

  it('keeps the good events of a batch with malformed, truncated and non-audit messages, counting each', () => {
    const messages = [
      anAuditEvent({ auditID: 'good-1' }),
      '{"kind":"Event","verb":"get",,}',
      truncated(anAuditEvent({ auditID: 'cut' }), 250),
      { kind: 0 },
      anAuditEvent({ auditID: 'good-2' }),
    ];
    const result = decodeSubscriptionEvent(aSubscriptionEvent(messages));
    if (!result.ok) throw new Error(result.problem.detail);
    const { items, stats } = result.batch;
    expect(items.flatMap((item) => (item.ok ? [item.event.auditID] : []))).toEqual(['good-1', 'good-2']);
    expect(stats.skipped).toEqual({ 'malformed-json': 1, truncated: 1, 'not-audit-event': 1 });
    const cut = items[2];
    expect(cut?.ok === false && cut.where.logEventId).toBe(
      '38000000000000000000000000000000000000000000000000000002',
    );
  });

  it('flags a message cut at the 256 KB CloudWatch limit as truncated at that limit', () => {
    const big = anAuditEvent({ requestObject: { data: 'x'.repeat(300 * 1024) } });
    const cut = JSON.stringify(big).slice(0, 256 * 1024);
    const result = decodeSubscriptionEvent(aSubscriptionEvent([cut]));
    const item = result.ok ? result.batch.items[0] : undefined;
    expect(item?.ok === false && item.problem).toMatchObject({ reason: 'truncated' });
    expect(item?.ok === false && item.problem.detail).toContain('256 KB');
    expect(item?.ok === false && item.problem.detail).not.toContain('xxxx');
  });

  it('reports one bad log event entry (no message) without losing the others', () => {
    const payload = aSubscriptionPayload([anAuditEvent()]);
    (payload.logEvents as unknown[]).push({ id: '1', timestamp: 1 });
    const result = decodeSubscriptionEvent(encodeAwsLogs(payload));
    expect(result.ok && result.batch.stats).toMatchObject({
      eventsRead: 1,
      skipped: { 'invalid-envelope': 1 },
    });
  });

  it.each([
    ['not an envelope', { Records: [] }, 'awslogs'],
    ['data not gzip', { awslogs: { data: Buffer.from('hello').toString('base64') } }, 'not base64 gzip'],
    ['gzip of non-JSON', { awslogs: { data: gzipSync('nope').toString('base64') } }, 'invalid JSON'],
    ['payload of the wrong shape', encodeAwsLogs({ messageType: 'DATA_MESSAGE' }), 'owner'],
  ])('rejects %s as an invalid envelope, naming why', (_name, input, why) => {
    const result = decodeSubscriptionEvent(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.reason).toBe('invalid-envelope');
    expect(!result.ok && result.problem.detail).toContain(why);
  });
});

describe('decodeSubscriptionPayload', () => {
  it('names items by log group and stream when no origin is given', () => {
    const result = decodeSubscriptionPayload(aSubscriptionPayload([anAuditEvent()], { logStream: 's1' }));
    expect(result.ok && result.batch.items[0]?.where.source).toBe('/aws/eks/prod-eu/cluster/s1');
  });
});

describe('clusterFromLogGroup', () => {
  it('takes the cluster name from an EKS control-plane log group', () => {
    expect(clusterFromLogGroup('/aws/eks/prod-eu/cluster')).toBe('prod-eu');
    expect(clusterFromLogGroup('/aws/eks/my.cluster_01/cluster')).toBe('my.cluster_01');
  });

  it('returns undefined for other log groups', () => {
    expect(clusterFromLogGroup('/aws/lambda/prod-eu')).toBeUndefined();
    expect(clusterFromLogGroup('/aws/eks/prod-eu/cluster/extra')).toBeUndefined();
  });
});
