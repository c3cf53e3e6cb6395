import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Responder } from '../../src/triage/model';
import { aFinding, aResponse } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo.close());

const now = new Date('2026-11-20T14:01:10.000Z');
let counter = 0;
/** A finding with an id of its own, so tests sharing the table never collide. */
const freshFinding = () => aFinding({ id: `f-trail-${++counter}` });
const person = (n: number): Responder => ({ platform: 'slack', userId: `U0P${n}`, name: `person${n}` });

describe('DynamoAuditTrail: createAlert', () => {
  it('creates an alert once: the same finding twice gives one alert, created false the second time', async () => {
    const trail = aTrail(dynamo);
    const finding = freshFinding();
    const first = await trail.createAlert(finding, now);
    const second = await trail.createAlert(finding, new Date('2026-11-20T15:00:00.000Z'));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.alert).toEqual(first.alert);
    expect(second.alert.createdAt).toBe('2026-11-20T14:01:10.000Z');
    expect(await trail.getAlert(finding.id)).toEqual(first.alert);
  });

  it('stores a finding that arrives many times at once as exactly one alert', async () => {
    const trail = aTrail(dynamo);
    const finding = freshFinding();
    const results = await Promise.all(Array.from({ length: 10 }, () => trail.createAlert(finding, now)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('sets expiresAt (epoch seconds) to createdAt plus the retention, 400 days by default', async () => {
    const finding = freshFinding();
    await aTrail(dynamo).createAlert(finding, now);
    const other = freshFinding();
    await aTrail(dynamo, { retentionDays: 30 }).createAlert(other, now);
    const expiresAt = async (id: string) => {
      const key = { pk: { S: `ALERT#${id}` }, sk: { S: 'ALERT' } };
      const got = await dynamo.client.send(new GetItemCommand({ TableName: dynamo.tableName, Key: key }));
      return Number(got.Item?.expiresAt?.N);
    };
    const createdSeconds = now.getTime() / 1000;
    expect(await expiresAt(finding.id)).toBe(createdSeconds + 400 * 86_400);
    expect(await expiresAt(other.id)).toBe(createdSeconds + 30 * 86_400);
  });

  it('returns undefined for an alert that does not exist', async () => {
    expect(await aTrail(dynamo).getAlert('no-such-alert')).toBeUndefined();
  });
});

describe('DynamoAuditTrail: respond', () => {
  it('turns twenty simultaneous acknowledgements into one, and tells the other nineteen who was first', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(freshFinding(), now);
    const clicks = Array.from({ length: 20 }, (_, n) =>
      trail.respond(
        alert.id,
        aResponse({
          action: 'acknowledge',
          by: person(n),
          at: `2026-11-20T14:02:${String(n).padStart(2, '0')}.000Z`,
        }),
      ),
    );
    const results = await Promise.all(clicks);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.ok ? winners[0].alert.responses[0]?.by : undefined;
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser).toMatchObject({ ok: false, reason: 'already-acknowledged', by: winner });
    }
    const stored = await trail.getAlert(alert.id);
    expect(stored?.responses.filter((r) => r.action === 'acknowledge')).toHaveLength(1);
    expect(stored?.status).toBe('acknowledged');
  });

  it('appends every justification, with its text and ticket link', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(freshFinding(), now);
    const first = aResponse({
      action: 'justify',
      text: 'planned rotation',
      ticketUrl: 'https://jira.example.com/CHG-1',
    });
    const second = aResponse({
      action: 'justify',
      text: 'also the rollback',
      at: '2026-11-20T14:05:00.000Z',
      by: person(2),
    });
    expect(await trail.respond(alert.id, first)).toMatchObject({ ok: true });
    const result = await trail.respond(alert.id, second);
    expect(result.ok && result.alert.responses).toEqual([first, second]);
    expect(result.ok && result.alert.status).toBe('justified');
  });

  it('escalates once: the second escalation says who escalated first', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(freshFinding(), now);
    const first = aResponse({ action: 'escalate', text: 'not planned', by: person(1) });
    await trail.respond(alert.id, first);
    const second = await trail.respond(
      alert.id,
      aResponse({ action: 'escalate', text: 'me too', by: person(2) }),
    );
    expect(second).toMatchObject({ ok: false, reason: 'already-escalated', by: person(1), at: first.at });
  });

  it('lets an escalated alert still be acknowledged and justified, and stays escalated', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(freshFinding(), now);
    await trail.respond(alert.id, aResponse({ action: 'escalate', text: 'why?' }));
    await trail.respond(alert.id, aResponse({ action: 'acknowledge' }));
    const result = await trail.respond(alert.id, aResponse({ action: 'justify', text: 'it was planned' }));
    expect(result.ok && result.alert.responses.map((r) => r.action)).toEqual([
      'escalate',
      'acknowledge',
      'justify',
    ]);
    expect(result.ok && result.alert.status).toBe('escalated');
  });

  it('answers not-found for an alert that does not exist', async () => {
    expect(await aTrail(dynamo).respond('missing', aResponse())).toEqual({ ok: false, reason: 'not-found' });
  });

  it('rejects a justification longer than Slack allows, naming the field', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(freshFinding(), now);
    const tooLong = aResponse({ action: 'justify', text: 'x'.repeat(3001) });
    await expect(trail.respond(alert.id, tooLong)).rejects.toThrow(/response\.text/);
  });

  it('stops appending justifications at the cap, even when they arrive all at once', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(freshFinding(), now);
    const results = await Promise.all(
      Array.from({ length: 55 }, (_, n) =>
        trail.respond(alert.id, aResponse({ action: 'justify', text: `reason ${n}` })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    expect(results.filter((r) => !r.ok && r.reason === 'too-many-responses')).toHaveLength(5);
    expect((await trail.getAlert(alert.id))?.responses).toHaveLength(50);
  });
});

describe('DynamoAuditTrail: refusals and messages', () => {
  it('records refused attempts apart, shows them in the trail, and leaves the status alone', async () => {
    const trail = aTrail(dynamo, {
      newId: (() => {
        let n = 0;
        return () => `r${++n}`;
      })(),
    });
    const { alert } = await trail.createAlert(freshFinding(), now);
    const refusal = aResponse({
      action: 'refused',
      attempted: 'acknowledge',
      text: 'own change',
      at: '2026-11-20T14:01:30.000Z',
    });
    expect(await trail.recordRefusal(alert.id, refusal)).toMatchObject({ ok: true });
    await trail.recordRefusal(alert.id, { ...refusal, at: '2026-11-20T14:03:00.000Z' });
    const ack = aResponse({ action: 'acknowledge', at: '2026-11-20T14:02:00.000Z' });
    await trail.respond(alert.id, ack);
    const stored = await trail.getAlert(alert.id);
    expect(stored?.responses.map((r) => `${r.action}@${r.at.slice(11, 19)}`)).toEqual([
      'refused@14:01:30',
      'acknowledge@14:02:00',
      'refused@14:03:00',
    ]);
    expect(stored?.status).toBe('acknowledged');
  });

  it('refuses to record a refusal without the attempted action, or for a missing alert', async () => {
    const trail = aTrail(dynamo);
    await expect(trail.recordRefusal('x', aResponse({ action: 'refused' }))).rejects.toThrow(/attempted/);
    const refusal = aResponse({ action: 'refused', attempted: 'escalate', text: 'not on the list' });
    expect(await trail.recordRefusal('missing', refusal)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('remembers where the card was posted, once per message', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(freshFinding(), now);
    const card = { platform: 'slack' as const, channel: 'C0SEC', messageId: '1732111270.000100' };
    await trail.recordMessage(alert.id, card);
    const again = await trail.recordMessage(alert.id, card);
    const escalation = { platform: 'slack' as const, channel: 'C0ESC', messageId: '1732111399.000200' };
    const both = await trail.recordMessage(alert.id, escalation);
    expect(again).toMatchObject({ ok: true, alert: { messages: [card] } });
    expect(both).toMatchObject({ ok: true, alert: { messages: [card, escalation] } });
    expect(await trail.recordMessage('missing', card)).toEqual({ ok: false, reason: 'not-found' });
  });
});
