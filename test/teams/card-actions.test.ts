import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TeamsInputIds } from '../../src/notify/teams/actions';
import type { Alert } from '../../src/triage/model';
import { aFinding } from '../support/builders';
import { alice, anHttpApiEvent, anInvoke, bob, CARD_MESSAGE_ID, CHANNEL_ID } from './support/activities';
import { attachmentOf } from './support/connector-server';
import { startTeamsHarness, type TeamsHarness } from './support/harness';
import { channelClaims } from './support/identity-server';

/**
 * Clicks on the Teams card, end to end through the bot's HTTP entry: a signed `adaptiveCard/action` invoke
 * in, the policy and the DynamoDB trail (dynalite) in the middle, the invoke response and the card update
 * the Bot Connector (local) receives out.
 */
describe('Teams bot: Acknowledge, Justify, Escalate', () => {
  let h: TeamsHarness;
  let counter = 0;
  beforeAll(async () => {
    h = await startTeamsHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.connector.calls.length = 0;
  });

  /** A fresh alert for alice's change (the trail is shared by the tests). */
  async function newAlert(): Promise<Alert> {
    counter += 1;
    const { alert } = await h.trail.createAlert(
      aFinding({ id: `f-teams-${counter}` }),
      new Date('2026-11-20T14:01:10Z'),
    );
    return alert;
  }

  async function click(
    verb: 'acknowledge' | 'justify' | 'escalate' | 'refresh',
    data: Record<string, unknown>,
    from = bob,
    bot = h.bot,
  ) {
    const activity = anInvoke({ serviceUrl: h.connector.serviceUrl, verb, data, from });
    const token = h.identity.sign(channelClaims({ serviceUrl: h.connector.serviceUrl }));
    const result = await bot.handle(anHttpApiEvent(activity, token));
    expect(result.statusCode).toBe(200);
    return JSON.parse(result.body) as { statusCode: number; type: string; value: unknown };
  }

  const updates = () => h.connector.calls.filter((c) => c.kind === 'update');

  it('records an acknowledgement, answers with the updated card and replaces the card for everyone', async () => {
    const alert = await newAlert();
    const answer = await click('acknowledge', { alertId: alert.id });

    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = JSON.stringify(answer.value);
    expect(card).toContain('Acknowledged by Bob Builder, 14:02 UTC');
    expect(card).not.toContain('eksAudit.acknowledge');

    const stored = await h.trail.getAlert(alert.id);
    expect(stored?.status).toBe('acknowledged');
    expect(stored?.responses).toEqual([
      {
        action: 'acknowledge',
        by: { platform: 'teams', userId: bob.aadObjectId, name: bob.name, email: bob.email },
        at: '2026-11-20T14:02:00.000Z',
      },
    ]);

    // The clicked card is now part of the trail, so later responses (from Slack too) update it.
    expect(stored?.messages).toContainEqual({
      platform: 'teams',
      channel: CHANNEL_ID,
      messageId: CARD_MESSAGE_ID,
    });

    const [update] = updates();
    expect(update).toMatchObject({ conversationId: CHANNEL_ID, activityId: CARD_MESSAGE_ID });
    expect(h.identity.issuedTokens.map((t) => `Bearer ${t}`)).toContain(update?.authorization);
    const attachment = attachmentOf(update);
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content).toEqual(answer.value);
  });

  it('says the response was recorded when the card could not be replaced for everyone', async () => {
    const alert = await newAlert();
    h.connector.failNextOf('PUT', { status: 500, body: { error: 'boom' } });
    const answer = await click('acknowledge', { alertId: alert.id });
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toMatch(
      /^Your response was recorded \(acknowledged\), but:\n- the card in 19:.* could not be updated/,
    );
    expect((await h.trail.getAlert(alert.id))?.status).toBe('acknowledged');
  });

  it('refuses the author of the change, matched by UPN, and records the refused attempt', async () => {
    const alert = await newAlert();
    const answer = await click('acknowledge', { alertId: alert.id }, alice);

    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(answer.value).toMatch(/You made this change \(alice@example\.com\)/);
    const stored = await h.trail.getAlert(alert.id);
    expect(stored?.status).toBe('open');
    expect(stored?.responses).toEqual([
      expect.objectContaining({
        action: 'refused',
        attempted: 'acknowledge',
        by: expect.objectContaining({ platform: 'teams', email: 'alice@example.com' }),
      }),
    ]);
    expect(updates()).toEqual([]);
  });

  it('lets the author justify, with the reason and the ticket link', async () => {
    const alert = await newAlert();
    const answer = await click(
      'justify',
      {
        alertId: alert.id,
        [TeamsInputIds.justifyReason]: ' Rotating the DB credentials after the vendor incident ',
        [TeamsInputIds.justifyTicketUrl]: 'https://jira.example.com/browse/OPS-1234',
      },
      alice,
    );

    const card = JSON.stringify(answer.value);
    expect(card).toContain(
      'Justified by Alice Example, 14:02 UTC: Rotating the DB credentials after the vendor incident',
    );
    expect(card).toContain('"url":"https://jira.example.com/browse/OPS-1234"');
    const stored = await h.trail.getAlert(alert.id);
    expect(stored?.responses[0]).toMatchObject({
      action: 'justify',
      text: 'Rotating the DB credentials after the vendor incident',
      ticketUrl: 'https://jira.example.com/browse/OPS-1234',
    });
    expect(updates()).toHaveLength(1);
  });

  it('records an escalation with its reason, publishes it to the escalation topic and updates the card', async () => {
    const alert = await newAlert();
    const answer = await click('escalate', {
      alertId: alert.id,
      [TeamsInputIds.escalateReason]: 'Not in any change window',
    });
    expect(answer).toMatchObject({
      type: 'application/vnd.microsoft.activity.message',
      value: 'Escalated: sent to the escalation topic.',
    });
    expect((await h.trail.getAlert(alert.id))?.status).toBe('escalated');
    const published = h.sns.published.map((m) => JSON.parse(m.message) as Record<string, unknown>);
    expect(published).toContainEqual(
      expect.objectContaining({
        type: 'eks-audit.escalation',
        alertId: alert.id,
        reason: 'Not in any change window',
        escalatedBy: expect.objectContaining({ platform: 'teams', name: bob.name }),
      }),
    );
    const [update] = updates();
    expect(JSON.stringify(attachmentOf(update)?.content)).toContain(
      'Escalated by Bob Builder, 14:02 UTC: Not in any change window',
    );
  });

  it('tells a second acknowledger who got there first, and brings the card up to date', async () => {
    const alert = await newAlert();
    await click('acknowledge', { alertId: alert.id });
    h.connector.calls.length = 0;
    const carol = {
      ...bob,
      id: '29:1carol',
      name: 'Carol',
      aadObjectId: '6a0c2d1e-0000-4000-8000-0000000000c0',
      email: 'carol@example.com',
      userPrincipalName: 'carol@example.com',
    };
    h.connector.members.set(carol.id, carol);

    const answer = await click('acknowledge', { alertId: alert.id }, carol);
    expect(answer).toMatchObject({
      type: 'application/vnd.microsoft.activity.message',
      value: 'Already acknowledged by Bob Builder at 14:02 UTC.',
    });
    expect(updates()).toHaveLength(1);
  });

  it('records exactly one acknowledgement when several people click at once', async () => {
    const alert = await newAlert();
    const people = Array.from({ length: 6 }, (_, i) => ({
      ...bob,
      id: `29:1user${i}`,
      name: `User ${i}`,
      aadObjectId: `6a0c2d1e-0000-4000-8000-00000000010${i}`,
      email: `user${i}@example.com`,
      userPrincipalName: `user${i}@example.com`,
    }));
    for (const person of people) h.connector.members.set(person.id, person);
    const answers = await Promise.all(
      people.map((person) => click('acknowledge', { alertId: alert.id }, person)),
    );
    expect(answers.filter((a) => a.type === 'application/vnd.microsoft.card.adaptive')).toHaveLength(1);
    expect(answers.filter((a) => String(a.value).startsWith('Already acknowledged by'))).toHaveLength(5);
    const stored = await h.trail.getAlert(alert.id);
    expect(stored?.responses.filter((r) => r.action === 'acknowledge')).toHaveLength(1);
  });

  it('applies the allow list: only teams:<Entra object id> entries may acknowledge', async () => {
    const alert = await newAlert();
    const strict = await h.botWith({ acknowledge: ['teams:6a0c2d1e-0000-4000-8000-0000000000ff'] });
    const answer = await click('acknowledge', { alertId: alert.id }, bob, strict);
    expect(answer.value).toMatch(/^Only 1 person named in the triage policy may acknowledge alerts/);
    const allowed = await h.botWith({ acknowledge: [`teams:${bob.aadObjectId}`] });
    expect((await click('acknowledge', { alertId: alert.id }, bob, allowed)).type).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
  });

  it('refuses an acknowledgement when Teams cannot say who clicked, but still takes a justification', async () => {
    const alert = await newAlert();
    const stranger = {
      ...bob,
      id: '29:1unknown',
      name: 'Unknown',
      aadObjectId: '6a0c2d1e-0000-4000-8000-0000000000ee',
    };
    const refused = await click('acknowledge', { alertId: alert.id }, stranger);
    expect(refused.value).toMatch(/could not look you up just now/);
    const justified = await click(
      'justify',
      { alertId: alert.id, [TeamsInputIds.justifyReason]: 'planned' },
      stranger,
    );
    expect(justified.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('answers 400 to a justification without a reason (a crafted request: the card requires one)', async () => {
    const alert = await newAlert();
    const answer = await click('justify', { alertId: alert.id, [TeamsInputIds.justifyReason]: '   ' });
    expect(answer).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect((await h.trail.getAlert(alert.id))?.responses).toEqual([]);
  });

  it('answers a refresh with the current card without recording or posting anything', async () => {
    const alert = await newAlert();
    await h.trail.respond(alert.id, {
      action: 'acknowledge',
      by: { platform: 'slack', userId: 'U0DAN', name: 'dan' },
      at: '2026-11-20T14:03:00.000Z',
    });
    h.connector.calls.length = 0;
    const answer = await click('refresh', { alertId: alert.id });
    expect(JSON.stringify(answer.value)).toContain('Acknowledged by dan, 14:03 UTC');
    expect(h.connector.calls).toEqual([]);
    expect((await h.trail.getAlert(alert.id))?.responses).toHaveLength(1);
  });

  it('says so when the alert is not in the trail', async () => {
    const answer = await click('acknowledge', { alertId: 'f-does-not-exist' });
    expect(answer).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(answer.value).toMatch(/not in the audit trail/);
  });
});
