import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modalMetadata, SlackViewIds } from '../../src/bot/modals';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { aFinding } from '../support/builders';
import { type BotHarness, NOW, startBotHarness } from './support/harness';
import { aButtonClick, aViewSubmission, bob, carol, type TestUser } from './support/payloads';

const PERMALINK = /^https:\/\/eks-audit-test\.slack\.com\/archives\/C0ALERTS\/p\d+$/;

describe('Slack app: Escalate', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(() => bot.close());

  let counter = 0;
  const freshAlert = () => bot.postAlert(aFinding({ id: `f-escalate-${++counter}`, severity: 'critical' }));
  const submit = (alertId: string, ts: string, reason: string, user: TestUser = carol) =>
    bot.post(
      aViewSubmission({
        callbackId: SlackViewIds.escalateModal,
        privateMetadata: modalMetadata({
          alertId,
          origin: { platform: 'slack', channel: 'C0ALERTS', messageId: ts },
        }),
        values: { reason },
        user,
      }),
    );

  it('has the card ask for confirmation, then opens a modal asking for a reason', async () => {
    const { alert, card } = await freshAlert();
    const blocks = bot.slack.message('C0ALERTS', card.messageId)?.blocks as {
      type: string;
      elements?: unknown[];
    }[];
    const buttons = (blocks.find((b) => b.type === 'actions')?.elements ?? []) as {
      action_id: string;
      confirm?: unknown;
    }[];
    expect(buttons.find((b) => b.action_id === SlackActionIds.escalate)?.confirm).toMatchObject({
      title: { text: 'Escalate this alert?' },
      confirm: { text: 'Escalate' },
    });

    await bot.post(
      aButtonClick({ actionId: SlackActionIds.escalate, alertId: alert.id, user: carol, ts: card.messageId }),
    );

    const view = bot.slack.callsTo('views.open').at(-1)?.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe(SlackViewIds.escalateModal);
    const inputs = (view.blocks as { type: string; block_id?: string; optional?: boolean }[]).filter(
      (b) => b.type === 'input',
    );
    expect(inputs).toEqual([expect.objectContaining({ block_id: 'reason' })]);
    expect(inputs[0]?.optional).toBeUndefined();
  });

  it('records a submission, updates the card, posts to the escalation channel with a link to the card, and publishes to the topic', async () => {
    const { alert, card } = await freshAlert();
    const published = bot.sns.published.length;

    const response = await submit(
      alert.id,
      card.messageId,
      'nobody planned this; the key may be compromised',
    );

    expect(response).toEqual({ statusCode: 200, body: '' });
    const stored = await bot.trail.getAlert(alert.id);
    expect(stored?.status).toBe('escalated');
    expect(stored?.responses).toEqual([
      {
        action: 'escalate',
        by: { platform: 'slack', userId: 'U0CAROL', name: 'carol', email: 'carol@example.com' },
        at: NOW.toISOString(),
        text: 'nobody planned this; the key may be compromised',
      },
    ]);
    expect(JSON.stringify(bot.slack.message('C0ALERTS', card.messageId)?.blocks)).toContain(
      'Escalated by <@U0CAROL>, 14:02 UTC',
    );

    const post = bot.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === 'C0ESCALATE')
      .at(-1);
    const postBlocks = JSON.stringify(post?.args.blocks);
    expect(post?.response.ok).toBe(true);
    expect(postBlocks).toContain(
      '🚨 *Escalated* by <@U0CAROL>: nobody planned this; the key may be compromised',
    );
    expect(postBlocks).toMatch(
      /<https:\/\/eks-audit-test\.slack\.com\/archives\/C0ALERTS\/p\d+\|Original card>/,
    );
    expect(postBlocks).not.toContain('"type":"actions"');

    expect(bot.sns.published.length).toBe(published + 1);
    const message = bot.sns.published.at(-1);
    expect(message?.topicArn).toBe(bot.sns.topicArn);
    expect(message?.subject).toContain('[ESCALATED] CRITICAL prod-eu');
    expect(message?.attributes.severity?.value).toBe('critical');
    const escalation = JSON.parse(message?.message ?? '{}');
    expect(escalation).toMatchObject({
      schemaVersion: 1,
      type: 'eks-audit.escalation',
      alertId: alert.id,
      reason: 'nobody planned this; the key may be compromised',
      escalatedBy: { userId: 'U0CAROL', email: 'carol@example.com' },
      escalatedAt: NOW.toISOString(),
      finding: { id: alert.id, where: { cluster: 'prod-eu' } },
    });
    expect(escalation.cardUrl).toMatch(PERMALINK);

    const confirmation = bot.slack.callsTo('chat.postEphemeral').at(-1)?.args;
    expect(confirmation).toMatchObject({ channel: 'C0ALERTS', user: 'U0CAROL' });
    expect(confirmation?.text).toBe('🚨 Escalated: sent to the escalation topic and the escalation channel.');
  });

  it('escalates once: a second escalation is told who was first, and nobody is paged twice', async () => {
    const { alert, card } = await freshAlert();
    await submit(alert.id, card.messageId, 'first');
    const published = bot.sns.published.length;

    await bot.post(
      aButtonClick({
        actionId: SlackActionIds.escalate,
        alertId: alert.id,
        user: bob,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl('2nd'),
      }),
    );
    await submit(alert.id, card.messageId, 'second, from a modal opened before', bob);

    const replies = bot.slack.calls
      .filter((c) => c.method === 'response_url' || c.method === 'chat.postEphemeral')
      .slice(-2);
    expect(replies.map((c) => c.args.text)).toEqual([
      'Already escalated by <@U0CAROL> at 14:02 UTC.',
      'Already escalated by <@U0CAROL> at 14:02 UTC.',
    ]);
    expect(bot.sns.published.length).toBe(published);
    const escalations = (await bot.trail.getAlert(alert.id))?.responses.filter(
      (r) => r.action === 'escalate',
    );
    expect(escalations).toHaveLength(1);
  });

  it('shows an error in the modal when the reason is missing', async () => {
    const { alert, card } = await freshAlert();

    const response = await submit(alert.id, card.messageId, '');

    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: { reason: 'a reason is required' },
    });
    expect((await bot.trail.getAlert(alert.id))?.status).toBe('open');
  });

  it('keeps the escalation when the topic is down, and tells the person to page on-call themselves', async () => {
    const { alert, card } = await freshAlert();
    bot.sns.failNext(4);

    await submit(alert.id, card.messageId, 'paging fails');

    expect((await bot.trail.getAlert(alert.id))?.status).toBe('escalated');
    const text = String(bot.slack.callsTo('chat.postEphemeral').at(-1)?.args.text);
    expect(text).toContain('Your response was recorded (escalated), but:');
    expect(text).toContain('the escalation topic was not notified');
    expect(text).toContain('tell the on-call person yourself');
    expect(bot.slack.callsTo('chat.postMessage').at(-1)?.args.channel).toBe('C0ESCALATE');
    bot.sns.clearFaults();
  });
});

describe('Slack app: who may escalate (ESCALATE_ALLOWED)', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness({
      env: { ESCALATE_ALLOWED: 'S0ONCALL' },
      userGroups: { S0ONCALL: ['U0CAROL'] },
    });
  });
  afterAll(() => bot.close());

  it('refuses someone outside the allowed groups at the click, before any typing, and records the attempt', async () => {
    const { alert, card } = await bot.postAlert(aFinding({ id: 'f-allow-1' }));

    await bot.post(
      aButtonClick({
        actionId: SlackActionIds.escalate,
        alertId: alert.id,
        user: bob,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl('no'),
      }),
    );

    expect(bot.slack.callsTo('views.open')).toHaveLength(0);
    expect(bot.slack.callsTo('response_url').at(-1)?.args.text).toBe(
      '🚫 Only 1 user group named in the triage policy may escalate alerts, and you are not one of them.',
    );
    expect((await bot.trail.getAlert(alert.id))?.responses).toEqual([
      expect.objectContaining({
        action: 'refused',
        attempted: 'escalate',
        by: expect.objectContaining({ userId: 'U0BOB' }),
      }),
    ]);
  });

  it('lets a member of an allowed group escalate', async () => {
    const { alert, card } = await bot.postAlert(aFinding({ id: 'f-allow-2' }));

    await bot.post(
      aButtonClick({ actionId: SlackActionIds.escalate, alertId: alert.id, user: carol, ts: card.messageId }),
    );

    expect(bot.slack.callsTo('views.open').at(-1)?.response.ok).toBe(true);
  });
});
