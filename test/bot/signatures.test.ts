import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { aFinding } from '../support/builders';
import { type BotHarness, startBotHarness } from './support/harness';
import { aButtonClick } from './support/payloads';
import type { Signing } from './support/signed-requests';

describe('Slack app on Lambda: request signatures', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(() => bot.close());

  it.each<[string, Signing]>([
    ['forged (signed with another secret)', 'forged'],
    ['unsigned (no signature headers)', 'unsigned'],
    ['expired (correctly signed six minutes ago)', 'expired'],
  ])('rejects a %s click with 401 and records nothing', async (_name, signing) => {
    const { alert, card } = await bot.postAlert(aFinding({ id: `f-sig-${signing}` }));
    const callsBefore = bot.slack.calls.length;

    const response = await bot.post(
      aButtonClick({
        actionId: SlackActionIds.acknowledge,
        alertId: alert.id,
        ts: card.messageId,
        responseUrl: bot.slack.responseUrl(signing),
      }),
      signing,
    );

    expect(response.statusCode).toBe(401);
    expect((await bot.trail.getAlert(alert.id))?.responses).toEqual([]);
    // Not a single Slack call: no card update, no lookup, no reply.
    expect(bot.slack.calls.length).toBe(callsBefore);
  });

  it('accepts the same click correctly signed (the rejections above are about the signature alone)', async () => {
    const { alert, card } = await bot.postAlert(aFinding({ id: 'f-sig-valid' }));

    const response = await bot.post(
      aButtonClick({ actionId: SlackActionIds.acknowledge, alertId: alert.id, ts: card.messageId }),
    );

    expect(response.statusCode).toBe(200);
    expect((await bot.trail.getAlert(alert.id))?.status).toBe('acknowledged');
  });

  it('never writes the signing secret or the bot token to its logs', async () => {
    const logs = bot.logs.join('\n');
    expect(logs).toContain('slack app ready');
    expect(logs).not.toContain(bot.slack.token);
    expect(logs).not.toContain('8f742231b10e8888abcd99yyyzzz85a5');
  });
});
