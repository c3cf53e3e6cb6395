import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { aFinding } from '../support/builders';
import { testWebClient } from '../support/slack-client';
import { type BotHarness, ephemeralReplies, NOW, startBotHarness } from './support/harness';
import { aButtonClick, alice, bob, carol } from './support/payloads';

const ack = SlackActionIds.acknowledge;

describe('Slack app: Acknowledge', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(() => bot.close());

  /** A fresh alert per test (ids differ), so tests do not see each other's responses. */
  let counter = 0;
  const freshAlert = () => bot.postAlert(aFinding({ id: `f-ack-${++counter}` }));

  it('records who acknowledged and when, and updates the card in place', async () => {
    const { alert, card } = await freshAlert();
    const before = bot.slack.callsTo('response_url').length;

    const response = await bot.post(
      aButtonClick({
        actionId: ack,
        alertId: alert.id,
        user: bob,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl('ack-1'),
      }),
    );

    expect(response.statusCode).toBe(200);
    const stored = await bot.trail.getAlert(alert.id);
    expect(stored?.status).toBe('acknowledged');
    expect(stored?.responses).toEqual([
      {
        action: 'acknowledge',
        by: { platform: 'slack', userId: 'U0BOB', name: 'bob', email: 'bob@example.com' },
        at: NOW.toISOString(),
      },
    ]);
    const message = bot.slack.message('C0ALERTS', card.messageId);
    expect(message?.versions).toHaveLength(2);
    const blocks = JSON.stringify(message?.blocks);
    expect(blocks).toContain('Acknowledged by <@U0BOB>, 14:02 UTC');
    expect(blocks).not.toContain(SlackActionIds.acknowledge);
    expect(blocks).toContain(SlackActionIds.justify);
    // The updated card says it all: no ephemeral reply.
    expect(bot.slack.callsTo('response_url').length).toBe(before);
  });

  it('refuses the person who made the change, tells them why, and records the refused attempt', async () => {
    const { alert, card } = await freshAlert();
    const url = bot.slack.responseUrl('alice-ack');

    await bot.post(
      aButtonClick({ actionId: ack, alertId: alert.id, user: alice, ts: card.messageId, responseUrl: url }),
    );

    const reply = bot.slack.callsTo('response_url').at(-1);
    expect(reply?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply?.args.text)).toContain('You made this change (alice@example.com)');
    expect(String(reply?.args.text)).toContain('You can justify it instead');
    const stored = await bot.trail.getAlert(alert.id);
    expect(stored?.status).toBe('open');
    expect(stored?.responses).toEqual([
      expect.objectContaining({
        action: 'refused',
        attempted: 'acknowledge',
        by: expect.objectContaining({ userId: 'U0ALICE', email: 'alice@example.com' }),
        at: NOW.toISOString(),
      }),
    ]);
    expect(bot.slack.message('C0ALERTS', card.messageId)?.versions).toHaveLength(1);
  });

  it('tells a late clicker who acknowledged first, and when', async () => {
    const { alert, card } = await freshAlert();
    await bot.post(aButtonClick({ actionId: ack, alertId: alert.id, user: bob, ts: card.messageId }));

    await bot.post(
      aButtonClick({
        actionId: ack,
        alertId: alert.id,
        user: carol,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl('late'),
      }),
    );

    expect(ephemeralReplies(bot.slack).at(-1)).toBe('Already acknowledged by <@U0BOB> at 14:02 UTC.');
    const stored = await bot.trail.getAlert(alert.id);
    expect(stored?.responses.filter((r) => r.action === 'acknowledge')).toHaveLength(1);
  });

  it('says so when the alert is no longer in the trail', async () => {
    await bot.post(
      aButtonClick({
        actionId: ack,
        alertId: 'f-expired-long-ago',
        responseUrl: bot.slack.responseUrl('gone'),
      }),
    );

    expect(ephemeralReplies(bot.slack).at(-1)).toBe(
      'Alert `f-expired-long-ago` is not in the audit trail (it may be past its retention period).',
    );
  });

  it('answers a button value it cannot read without recording anything', async () => {
    const { alert, card } = await freshAlert();
    await bot.post(
      aButtonClick({
        actionId: ack,
        alertId: alert.id,
        ts: card.messageId,
        value: '{"v":9}',
        responseUrl: bot.slack.responseUrl('bad'),
      }),
    );

    expect(ephemeralReplies(bot.slack).at(-1)).toMatch(
      /^⚠️ eks-audit could not read that acknowledgement \(button value: /,
    );
    expect((await bot.trail.getAlert(alert.id))?.responses).toEqual([]);
  });

  it('keeps the acknowledgement when Slack rate-limits the card update, and says the card will catch up', async () => {
    const { alert, card } = await freshAlert();
    bot.slack.failNext('chat.update', 1, 'ratelimited');

    await bot.post(
      aButtonClick({
        actionId: ack,
        alertId: alert.id,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl('429'),
      }),
    );

    expect((await bot.trail.getAlert(alert.id))?.status).toBe('acknowledged');
    const reply = ephemeralReplies(bot.slack).at(-1) ?? '';
    expect(reply).toContain('Your response was recorded (acknowledged), but:');
    expect(reply).toContain('the card in <#C0ALERTS> could not be updated');
    expect(reply).toContain('ratelimited');
  });

  it('updates the clicked card even when the trail had not recorded it, and remembers it', async () => {
    const { alert } = await bot.trail.createAlert(aFinding({ id: `f-ack-${++counter}` }), NOW);
    // Posted, but the notifier died before recordMessage.
    const posted = await new SlackCardPublisher(testWebClient(bot.slack)).post(alert, {
      channel: 'C0ALERTS',
    });

    await bot.post(aButtonClick({ actionId: ack, alertId: alert.id, ts: posted.messageId }));

    expect(bot.slack.message('C0ALERTS', posted.messageId)?.versions).toHaveLength(2);
    expect((await bot.trail.getAlert(alert.id))?.messages).toEqual([posted]);
  });
});

describe('Slack app: Acknowledge while the trail is unreachable', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    // A table that does not exist stands in for DynamoDB failing (throttled, down, misconfigured).
    bot = await startBotHarness({ env: { TABLE_NAME: 'no-such-table' } });
  });
  afterAll(() => bot.close());

  it('tells the clicker nothing was recorded and to try again, and logs the failure', async () => {
    const { alert, card } = await bot.postAlert();

    const response = await bot.post(
      aButtonClick({
        actionId: ack,
        alertId: alert.id,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl('down'),
      }),
    );

    expect(response.statusCode).toBe(200);
    expect(ephemeralReplies(bot.slack).at(-1)).toBe(
      '⚠️ Your acknowledgement could not be recorded just now. Nothing was changed; please try again in a moment.',
    );
    expect(
      bot.logs.some(
        (line) => line.includes('"slack interaction failed"') && line.includes('ResourceNotFoundException'),
      ),
    ).toBe(true);
    expect(bot.slack.message('C0ALERTS', card.messageId)?.versions).toHaveLength(1);
  });
});

describe('Slack app: who may acknowledge (ACK_ALLOWED)', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness({ env: { ACK_ALLOWED: 'U0CAROL' } });
  });
  afterAll(() => bot.close());

  it('refuses someone not on the list and records the attempt, and lets someone on it acknowledge', async () => {
    const { alert, card } = await bot.postAlert();

    await bot.post(
      aButtonClick({
        actionId: ack,
        alertId: alert.id,
        user: bob,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl('bob'),
      }),
    );
    await bot.post(aButtonClick({ actionId: ack, alertId: alert.id, user: carol, ts: card.messageId }));

    expect(ephemeralReplies(bot.slack)).toEqual([
      '🚫 Only 1 person named in the triage policy may acknowledge alerts, and you are not one of them.',
    ]);
    expect((await bot.trail.getAlert(alert.id))?.responses.map((r) => [r.action, r.by.userId])).toEqual([
      ['acknowledge', 'U0CAROL'],
      ['refused', 'U0BOB'],
    ]);
  });
});
