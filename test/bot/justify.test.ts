import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modalMetadata, SlackViewIds } from '../../src/bot/modals';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { aFinding } from '../support/builders';
import { type BotHarness, ephemeralReplies, NOW, startBotHarness } from './support/harness';
import { aButtonClick, alice, aViewSubmission, bob } from './support/payloads';

describe('Slack app: Justify', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(() => bot.close());

  let counter = 0;
  const freshAlert = () => bot.postAlert(aFinding({ id: `f-justify-${++counter}` }));
  const submission = (alertId: string, ts: string, values: Record<string, string | null>, user = alice) =>
    aViewSubmission({
      callbackId: SlackViewIds.justifyModal,
      privateMetadata: modalMetadata({
        alertId,
        origin: { platform: 'slack', channel: 'C0ALERTS', messageId: ts },
      }),
      values,
      user,
    });

  it('opens a modal asking for a required reason and an optional ticket link', async () => {
    const { alert, card } = await freshAlert();

    const response = await bot.post(
      aButtonClick({
        actionId: SlackActionIds.justify,
        alertId: alert.id,
        user: alice,
        ts: card.messageId,
        triggerId: 'trigger-justify',
      }),
    );

    expect(response.statusCode).toBe(200);
    const open = bot.slack.callsTo('views.open').at(-1);
    expect(open?.response.ok).toBe(true);
    expect(open?.args.trigger_id).toBe('trigger-justify');
    const view = open?.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe(SlackViewIds.justifyModal);
    expect(JSON.parse(String(view.private_metadata))).toEqual({
      v: 1,
      alertId: alert.id,
      channel: 'C0ALERTS',
      ts: card.messageId,
    });
    const inputs = (
      view.blocks as { type: string; block_id?: string; optional?: boolean; element?: { type: string } }[]
    ).filter((block) => block.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element?.type, b.optional ?? false])).toEqual([
      ['reason', 'plain_text_input', false],
      ['ticket', 'url_text_input', true],
    ]);
    expect(JSON.stringify(view.blocks)).toContain(
      'alice@example.com deleted secret kube-system/db-creds on prod-eu',
    );
  });

  it('records the reason and ticket of a submission, by the person who made the change too, and updates the card', async () => {
    const { alert, card } = await freshAlert();

    const response = await bot.post(
      submission(alert.id, card.messageId, {
        reason: ' rotating a leaked key ',
        ticket: 'https://jira.example.com/browse/OPS-42',
      }),
    );

    expect(response).toEqual({ statusCode: 200, body: '' });
    const stored = await bot.trail.getAlert(alert.id);
    expect(stored?.status).toBe('justified');
    expect(stored?.responses).toEqual([
      {
        action: 'justify',
        by: { platform: 'slack', userId: 'U0ALICE', name: 'alice', email: 'alice@example.com' },
        at: NOW.toISOString(),
        text: 'rotating a leaked key',
        ticketUrl: 'https://jira.example.com/browse/OPS-42',
      },
    ]);
    const blocks = JSON.stringify(bot.slack.message('C0ALERTS', card.messageId)?.blocks);
    expect(blocks).toContain(
      'Justified by <@U0ALICE>, 14:02 UTC: rotating a leaked key (<https://jira.example.com/browse/OPS-42|ticket (jira.example.com)>)',
    );
  });

  it('accepts a submission without a ticket link', async () => {
    const { alert, card } = await freshAlert();

    await bot.post(
      submission(alert.id, card.messageId, { reason: 'hotfix during the incident', ticket: null }, bob),
    );

    const [response] = (await bot.trail.getAlert(alert.id))?.responses ?? [];
    expect(response).toMatchObject({ action: 'justify', text: 'hotfix during the incident' });
    expect(response).not.toHaveProperty('ticketUrl');
  });

  it('shows errors in the modal for a missing reason and a link that is not http(s), and records nothing', async () => {
    const { alert, card } = await freshAlert();

    const response = await bot.post(
      submission(alert.id, card.messageId, { reason: '   ', ticket: 'javascript:alert(1)' }),
    );

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      response_action: 'errors',
      errors: {
        reason: 'a reason is required',
        ticket:
          'the link must be an http:// or https:// address, e.g. https://jira.example.com/browse/OPS-123',
      },
    });
    expect((await bot.trail.getAlert(alert.id))?.responses).toEqual([]);
  });

  it('renders a justification that tries to mention the channel or disguise a link as plain text', async () => {
    const { alert, card } = await freshAlert();

    await bot.post(
      submission(alert.id, card.messageId, {
        reason: '<!channel> see <https://evil.example|ok>',
        ticket: null,
      }),
    );

    const blocks = JSON.stringify(bot.slack.message('C0ALERTS', card.messageId)?.blocks);
    expect(blocks).toContain('&lt;!channel&gt; see &lt;https://evil.example|ok&gt;');
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).not.toContain('<https://evil.example|ok>');
  });

  it('tells the person, in the channel and only to them, when the alert has gone', async () => {
    await bot.post(submission('f-gone', '1763647201.000001', { reason: 'because', ticket: null }, bob));

    const ephemeral = bot.slack.callsTo('chat.postEphemeral').at(-1);
    expect(ephemeral?.args).toMatchObject({ channel: 'C0ALERTS', user: 'U0BOB' });
    expect(ephemeral?.args.text).toContain('`f-gone` is not in the audit trail');
    expect(ephemeralReplies(bot.slack)).not.toContain(ephemeral?.args.text);
  });
});
