import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { type BotHarness, startBotHarness } from './support/harness';
import { aButtonClick, type TestUser } from './support/payloads';

const people: TestUser[] = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { id: `U0USER${n}`, name: `user${n}`, email: `user${n}@example.com` };
});

describe('Slack app: twenty people click Acknowledge at once', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness({ users: people });
  });
  afterAll(() => bot.close());

  it('records exactly one acknowledgement and tells the nineteen others who was first', async () => {
    const { alert, card } = await bot.postAlert();
    const updatesBefore = bot.slack.callsTo('chat.update').length;

    const responses = await Promise.all(
      people.map((person) =>
        bot.post(
          aButtonClick({
            actionId: SlackActionIds.acknowledge,
            alertId: alert.id,
            user: person,
            ts: card.messageId,
            responseUrl: bot.slack.responseUrl(person.id),
          }),
        ),
      ),
    );

    expect(responses.map((r) => r.statusCode)).toEqual(people.map(() => 200));
    const stored = await bot.trail.getAlert(alert.id);
    const acknowledgements = stored?.responses.filter((r) => r.action === 'acknowledge') ?? [];
    expect(acknowledgements).toHaveLength(1);
    const winner = acknowledgements[0]?.by.userId;
    expect(people.map((p) => p.id)).toContain(winner);

    const replies = bot.slack.callsTo('response_url');
    expect(replies).toHaveLength(19);
    for (const reply of replies) {
      expect(reply.args.text).toBe(`Already acknowledged by <@${winner}> at 14:02 UTC.`);
      expect(reply.args.response_type).toBe('ephemeral');
    }
    expect(bot.slack.callsTo('chat.update').length - updatesBefore).toBe(1);
  });
});
