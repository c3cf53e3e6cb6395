import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import { SlackDirectory } from '../../src/adapters/slack/slack-directory';
import { type NotifierDeps, notifyFinding } from '../../src/bot/notifier';
import type { Routing } from '../../src/notify/routing';
import { aFinding } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { testWebClient } from '../support/slack-client';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { recordingLog } from './support/recording-log';
import { anSnsRecord } from './support/sns-records';

let dynamo: TestDynamo;
let slack: SlackServer;
beforeAll(async () => {
  dynamo = await startTestDynamo({ tableName: 'eks-audit-notifier' });
});
afterAll(() => dynamo.close());
beforeEach(async () => {
  slack = await startSlackServer({ channels: ['C0ALERTS', 'C0PROD', 'C0KUBESYS', 'C0CRIT'] });
});
afterEach(() => slack.close());

const now = new Date('2026-11-20T14:01:10.000Z');
let ids = 0;
/** A finding of its own for each test (the table is shared). */
const freshFinding = (overrides: Parameters<typeof aFinding>[0] = {}) =>
  aFinding({ id: `f-notify-${++ids}`, ...overrides });

function deps(overrides: Partial<NotifierDeps> = {}) {
  const client = testWebClient(slack);
  const log = recordingLog();
  const routing: Routing = { defaultChannel: 'C0ALERTS', routes: [] };
  const built: NotifierDeps = {
    trail: aTrail(dynamo),
    publisher: new SlackCardPublisher(client),
    permalinks: new SlackDirectory(client, { clock: () => now }),
    routing,
    clock: () => now,
    log,
    ...overrides,
  };
  return { ...built, log };
}

describe('notifyFinding', () => {
  it('stores the alert, posts its card and records where it was posted, with its permalink', async () => {
    const finding = freshFinding();
    const d = deps();
    const outcome = await notifyFinding(anSnsRecord(finding), d);
    expect(outcome).toEqual({
      status: 'posted',
      alertId: finding.id,
      channel: 'C0ALERTS',
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
      created: true,
      cards: [
        {
          status: 'posted',
          platform: 'slack',
          channel: 'C0ALERTS',
          messageId: outcome.status === 'posted' ? outcome.ts : '',
        },
      ],
    });
    const alert = await d.trail.getAlert(finding.id);
    expect(alert?.finding).toEqual(finding);
    expect(alert?.createdAt).toBe(now.toISOString());
    expect(alert?.messages).toEqual([
      {
        platform: 'slack',
        channel: 'C0ALERTS',
        messageId: outcome.status === 'posted' ? outcome.ts : '',
        permalink: expect.stringMatching(/^https:\/\/eks-audit-test\.slack\.com\/archives\/C0ALERTS\/p\d+$/),
      },
    ]);
    const [post] = slack.callsTo('chat.postMessage');
    expect(JSON.stringify(post?.args.blocks)).toContain(finding.id);
    expect(d.log.records.find((r) => r.message === 'card posted')).toMatchObject({
      snsMessageId: 'sns-msg-0001',
      findingId: finding.id,
      alertId: finding.id,
      channel: 'C0ALERTS',
    });
  });

  it('posts no second card when SNS redelivers the same message', async () => {
    const record = anSnsRecord(freshFinding());
    const first = await notifyFinding(record, deps());
    const again = await notifyFinding(record, deps());
    const third = await notifyFinding(record, deps());
    expect(first.status).toBe('posted');
    expect(again).toMatchObject({ status: 'already-posted', channel: 'C0ALERTS' });
    expect(third.status).toBe('already-posted');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts the card, once, of an alert stored before a crash that left it without one', async () => {
    const finding = freshFinding();
    const d = deps();
    // The first invocation stored the alert and stopped before posting (a timeout, a crash).
    await d.trail.createAlert(finding, now);
    const retried = await notifyFinding(anSnsRecord(finding), d);
    expect(retried).toMatchObject({ status: 'posted', created: false });
    expect(
      d.log.records.some(
        (r) => r.message === 'alert stored earlier without a card in this channel: posting it now',
      ),
    ).toBe(true);
    await notifyFinding(anSnsRecord(finding), deps());
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect((await d.trail.getAlert(finding.id))?.messages).toHaveLength(1);
  });

  it('routes by cluster, namespace and severity, the first matching route winning, else the default', async () => {
    const routing: Routing = {
      defaultChannel: 'C0ALERTS',
      routes: [
        { minSeverity: 'critical', channel: 'C0CRIT' },
        { cluster: 'prod-eu', namespace: 'kube-system', channel: 'C0KUBESYS' },
        { cluster: 'prod-eu', channel: 'C0PROD' },
      ],
    };
    const cases = [
      [{ severity: 'critical' as const, where: { cluster: 'staging' } }, 'C0CRIT'],
      [{ where: { cluster: 'prod-eu' }, action: { namespace: 'kube-system' } }, 'C0KUBESYS'],
      [{ where: { cluster: 'prod-eu' }, action: { namespace: 'payments' } }, 'C0PROD'],
      [{ where: { cluster: 'staging' }, severity: 'medium' as const }, 'C0ALERTS'],
    ] as const;
    for (const [overrides, channel] of cases) {
      const outcome = await notifyFinding(anSnsRecord(freshFinding(overrides)), deps({ routing }));
      expect(outcome).toMatchObject({ status: 'posted', channel });
    }
    expect(slack.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(cases.map(([, c]) => c));
  });

  it('stores, posts nothing and logs an error for a finding routed to Teams with no Teams publisher', async () => {
    const routing: Routing = {
      defaultChannel: 'C0ALERTS',
      routes: [{ cluster: 'teams-only', teamsConversation: '19:abc@thread.tacv2' }],
    };
    const finding = freshFinding({ where: { cluster: 'teams-only' } });
    const d = deps({ routing });
    expect(await notifyFinding(anSnsRecord(finding), d)).toEqual({
      status: 'routed-elsewhere',
      alertId: finding.id,
      cards: [{ status: 'no-publisher', platform: 'teams', channel: '19:abc@thread.tacv2' }],
    });
    expect(await d.trail.getAlert(finding.id)).toBeDefined();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(d.log.records.find((r) => r.level === 'error')).toMatchObject({
      message: 'card not posted: the notifier has no teams publisher (not configured)',
      alertId: finding.id,
      channel: '19:abc@thread.tacv2',
    });
  });

  it.each([
    ['not JSON', '{"schemaVersion":1,', 'invalid-json'],
    [
      'another schema version',
      JSON.stringify({ ...aFinding({ id: 'f-v2' }), schemaVersion: 2 }),
      'unsupported-schema-version',
    ],
    ['no schema version', JSON.stringify({ hello: 'world' }), 'unsupported-schema-version'],
    [
      'not a finding',
      JSON.stringify({ schemaVersion: 1, id: 'f-bad', severity: 'catastrophic' }),
      'invalid-finding',
    ],
  ])(
    'logs and skips a message that is %s, with its SNS message id, storing and posting nothing',
    async (_, body, reason) => {
      const d = deps();
      const outcome = await notifyFinding(anSnsRecord(body, 'sns-msg-bad'), d);
      expect(outcome).toEqual({ status: 'skipped', reason, messageId: 'sns-msg-bad' });
      const logged = d.log.records.find((r) => r.level === 'error');
      expect(logged).toMatchObject({ reason, snsMessageId: 'sns-msg-bad' });
      // Problems name fields, never values: nothing from the message body reaches the log.
      expect(JSON.stringify(logged)).not.toContain('catastrophic');
      expect(await d.trail.getAlert('f-bad')).toBeUndefined();
      expect(await d.trail.getAlert('f-v2')).toBeUndefined();
      expect(slack.calls).toHaveLength(0);
    },
  );

  it('skips a record that is not an SNS notification at all', async () => {
    const outcome = await notifyFinding({ Records: 'nope' }, deps());
    expect(outcome).toEqual({ status: 'skipped', reason: 'invalid-envelope' });
  });

  it('reads findings tolerantly: fields a newer ingest adds within version 1 are dropped, not refused', async () => {
    const finding = freshFinding();
    const d = deps();
    const outcome = await notifyFinding(anSnsRecord(JSON.stringify({ ...finding, addedLater: { x: 1 } })), d);
    expect(outcome.status).toBe('posted');
    expect((await d.trail.getAlert(finding.id))?.finding).toEqual(finding);
  });
});
