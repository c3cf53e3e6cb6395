import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoAuditTrail } from '../../src/adapters/dynamodb/audit-trail';
import { InputError } from '../../src/shared/errors';
import type { Responder } from '../../src/triage/model';
import { createTriagePolicy, TriagePolicySchema } from '../../src/triage/policy';
import { selfDescribedResponders } from '../../src/triage/responders';
import { triageLimits } from '../../src/triage/schemas';
import { TriageService, type TriageServiceDeps } from '../../src/triage/service';
import { aFinding } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { aCardPublisher, aDirectory, aNotifier } from './support/service-doubles';

const NOW = new Date('2026-11-20T14:02:00.000Z');
const slackUser = (userId: string, name: string): Responder => ({ platform: 'slack', userId, name });
const alice = slackUser('U0ALICE', 'alice');
const bob = slackUser('U0BOB', 'bob');
const people = [
  { userId: 'U0ALICE', name: 'Alice A.', email: 'alice@example.com' },
  { userId: 'U0BOB', name: 'Bob B.', email: 'bob@example.com' },
];

describe('TriageService', () => {
  let dynamo: TestDynamo;
  let trail: DynamoAuditTrail;
  beforeAll(async () => {
    dynamo = await startTestDynamo();
    trail = aTrail(dynamo);
  });
  afterAll(() => dynamo.close());

  let counter = 0;
  const anAlertId = async () =>
    (await trail.createAlert(aFinding({ id: `f-svc-${++counter}` }), NOW)).alert.id;
  const service = (overrides: Partial<TriageServiceDeps> = {}) =>
    new TriageService({
      trail,
      policy: createTriagePolicy(TriagePolicySchema.parse({})),
      people: aDirectory(people),
      clock: () => NOW,
      ...overrides,
    });

  it('records the responder with the name and e-mail the directory has for them', async () => {
    const id = await anAlertId();

    const outcome = await service().acknowledge(id, bob);

    expect(outcome).toMatchObject({ kind: 'ok', action: 'acknowledge', alert: { status: 'acknowledged' } });
    expect((await trail.getAlert(id))?.responses[0]?.by).toEqual({
      platform: 'slack',
      userId: 'U0BOB',
      name: 'Bob B.',
      email: 'bob@example.com',
    });
  });

  it('finds the actor by e-mail when the directory has no e-mail for the responder (separation of duties)', async () => {
    const id = await anAlertId();
    const directory = aDirectory([{ userId: 'U0ALICE', name: 'alice' }]);
    // Only userIdByEmail knows alice@example.com is U0ALICE.
    directory.userIdByEmail = async (email) => (email === 'alice@example.com' ? 'U0ALICE' : undefined);

    const outcome = await service({ people: directory }).acknowledge(id, alice);

    expect(outcome).toMatchObject({ kind: 'refused', code: 'own-change' });
  });

  it('refuses an acknowledgement it cannot check (the directory is down), records it, and still takes a justification', async () => {
    const id = await anAlertId();
    const triage = service({ people: aDirectory(people, { failing: true }) });

    const refused = await triage.acknowledge(id, alice);
    const justified = await triage.justify(id, alice, { reason: 'rotating a leaked key' });

    expect(refused).toMatchObject({ kind: 'refused', code: 'identity-unknown' });
    expect(refused.kind === 'refused' && refused.reason).toContain(
      'cannot check that this change is not yours',
    );
    expect(justified).toMatchObject({ kind: 'ok', action: 'justify' });
    const trailed = (await trail.getAlert(id))?.responses.map((r) => [r.action, r.attempted]);
    expect(trailed).toEqual([
      ['justify', undefined],
      ['refused', 'acknowledge'],
    ]);
  });

  it('lets members of an allowed user group act, and refuses when the groups cannot be read', async () => {
    const policy = createTriagePolicy(TriagePolicySchema.parse({ escalate: ['S0ONCALL'] }));
    const groups = { S0ONCALL: ['U0BOB'] };

    const allowed = await service({ policy, people: aDirectory(people, { groups }) }).escalate(
      await anAlertId(),
      bob,
      { reason: 'x' },
    );
    const notMember = await service({ policy, people: aDirectory(people, { groups }) }).escalate(
      await anAlertId(),
      alice,
      { reason: 'x' },
    );
    const failing = await service({ policy, people: aDirectory(people, { failing: true }) }).escalate(
      await anAlertId(),
      bob,
      { reason: 'x' },
    );

    expect(allowed.kind).toBe('ok');
    expect(notMember).toMatchObject({ kind: 'refused', code: 'not-permitted' });
    expect(failing).toMatchObject({ kind: 'refused', code: 'identity-unknown' });
  });

  it('updates every posted card through the publisher of its platform, the clicked one included', async () => {
    const id = await anAlertId();
    await trail.recordMessage(id, { platform: 'slack', channel: 'C0ALERTS', messageId: '1.1' });
    await trail.recordMessage(id, { platform: 'teams', channel: '19:abc@thread.tacv2', messageId: 'a1' });
    await trail.recordMessage(id, { platform: 'terminal', channel: 'tty', messageId: 't1' });
    const slack = aCardPublisher();
    const teams = aCardPublisher();
    const origin = { platform: 'slack' as const, channel: 'C0OTHER', messageId: '2.2' };

    const outcome = await service({ cards: { slack, teams } }).acknowledge(id, bob, { origin });

    expect(slack.updates.map((u) => u.message.messageId)).toEqual(['1.1', '2.2']);
    expect(teams.updates.map((u) => u.message.messageId)).toEqual(['a1']);
    expect(slack.updates[0]?.alert.status).toBe('acknowledged');
    expect(outcome.kind === 'ok' && outcome.followUp.cardsUpdated).toHaveLength(3);
    expect((await trail.getAlert(id))?.messages.map((m) => m.messageId)).toEqual(['1.1', 'a1', 't1', '2.2']);
  });

  it('reports a card that could not be updated without undoing the response', async () => {
    const id = await anAlertId();
    await trail.recordMessage(id, { platform: 'slack', channel: 'C0ALERTS', messageId: '1.1' });

    const outcome = await service({ cards: { slack: aCardPublisher(new Error('ratelimited')) } }).acknowledge(
      id,
      bob,
    );

    expect(outcome).toMatchObject({
      kind: 'ok',
      followUp: {
        cardsUpdated: [],
        failures: [{ kind: 'card', platform: 'slack', target: 'C0ALERTS', error: 'Error: ratelimited' }],
      },
    });
    expect((await trail.getAlert(id))?.status).toBe('acknowledged');
  });

  it('tells every escalation destination once, with the clicked card, and reports the ones that failed', async () => {
    const id = await anAlertId();
    const topic = aNotifier('escalation topic');
    const channel = aNotifier('escalation channel', new Error('channel_not_found'));
    const origin = {
      platform: 'slack' as const,
      channel: 'C0ALERTS',
      messageId: '1.1',
      permalink: 'https://x.slack.com/p1',
    };
    const triage = service({ escalations: [topic, channel] });

    const first = await triage.escalate(id, bob, { reason: '  nobody planned this  ' }, { origin });
    const second = await triage.escalate(id, alice, { reason: 'me too' });

    expect(first).toMatchObject({
      kind: 'ok',
      response: { action: 'escalate', text: 'nobody planned this' },
      followUp: {
        notified: ['escalation topic'],
        failures: [{ kind: 'escalation', target: 'escalation channel' }],
      },
    });
    expect(topic.told).toHaveLength(1);
    expect(topic.told[0]?.origin).toEqual(origin);
    expect(topic.told[0]?.alert.status).toBe('escalated');
    expect(second).toMatchObject({
      kind: 'already-done',
      action: 'escalate',
      by: { userId: 'U0BOB' },
      at: NOW.toISOString(),
    });
  });

  it('refuses input no platform should have let through', async () => {
    const id = await anAlertId();

    await expect(service().justify(id, bob, { reason: '   ' })).rejects.toThrow(InputError);
    await expect(
      service().justify(id, bob, { reason: 'ok', ticketUrl: 'javascript:alert(1)' }),
    ).rejects.toThrow(/ticketUrl: the link must be an http/);
    await expect(
      service().escalate(id, bob, { reason: 'x'.repeat(triageLimits.maxTextLength + 1) }),
    ).rejects.toThrow(/reason: a reason must be at most 3000 characters/);
    expect((await trail.getAlert(id))?.responses).toEqual([]);
  });

  it('answers limit-reached once an alert holds as many justifications as it may', async () => {
    const id = await anAlertId();
    const triage = service();
    for (let i = 0; i < triageLimits.maxJustifications; i++)
      await triage.justify(id, bob, { reason: `reason ${i}` });

    expect(await triage.justify(id, bob, { reason: 'one more' })).toMatchObject({
      kind: 'limit-reached',
      action: 'justify',
    });
  });

  it('checks before a form is shown: already done, refused (and recorded), or allowed', async () => {
    const id = await anAlertId();
    const triage = service();
    await triage.acknowledge(id, bob);

    expect(await triage.check('acknowledge', id, alice)).toMatchObject({
      kind: 'already-done',
      by: { userId: 'U0BOB' },
    });
    expect(await triage.check('escalate', id, alice)).toMatchObject({
      kind: 'allowed',
      responder: { email: 'alice@example.com' },
    });
    expect(await triage.check('justify', 'f-missing', alice)).toEqual({
      kind: 'not-found',
      action: 'justify',
      alertId: 'f-missing',
    });

    const other = await anAlertId();
    expect(await triage.check('acknowledge', other, alice)).toMatchObject({
      kind: 'refused',
      code: 'own-change',
    });
    expect((await trail.getAlert(other))?.responses).toEqual([
      expect.objectContaining({ action: 'refused', attempted: 'acknowledge' }),
    ]);
  });

  it('takes a Teams responder as signed in, and keeps an over-long display name within the trail limits', async () => {
    const id = await anAlertId();
    const teamsAlice: Responder = {
      platform: 'teams',
      userId: '29:1abc',
      name: 'A'.repeat(500),
      email: 'ALICE@example.com',
    };
    const teamsBob: Responder = { ...teamsAlice, userId: '29:2def', email: 'bob@example.com' };
    const triage = service({ people: selfDescribedResponders });

    expect(await triage.acknowledge(id, teamsAlice)).toMatchObject({ kind: 'refused', code: 'own-change' });
    const outcome = await triage.acknowledge(id, teamsBob);
    expect(outcome.kind === 'ok' && outcome.response.by.name).toHaveLength(triageLimits.maxNameLength);
  });
});
