import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTeamsCommand } from '../../src/teams/commands';
import { aFinding } from '../support/builders';
import { aBotAdded, aCommand, anHttpApiEvent, anInstallation, CHANNEL_ID } from './support/activities';
import { checkAdaptiveCard } from './support/adaptive-cards';
import { attachmentOf } from './support/connector-server';
import { startTeamsHarness, type TeamsHarness } from './support/harness';
import { channelClaims } from './support/identity-server';

describe('parseTeamsCommand', () => {
  it.each([
    ['eks-audit pending', { name: 'pending', public: false }],
    ['  pending ', { name: 'pending', public: false }],
    ['eks-audit&nbsp;show f-1', { name: 'show', alertId: 'f-1', public: false }],
    ['SHOW f-1', { name: 'show', alertId: 'f-1', public: false }],
    ['report 30d prod-eu', { name: 'report', window: '30d', cluster: 'prod-eu', public: false }],
    ['user alice@example.com', { name: 'user', who: 'alice@example.com', public: false }],
    ['here', { name: 'here' }],
    ['', { name: 'help', public: false }],
  ])('reads %j as /eks-audit does, plus here', (text, expected) => {
    expect(parseTeamsCommand(text)).toEqual(expected);
  });

  it('answers an unknown subcommand with help saying what was not understood', () => {
    expect(parseTeamsCommand('delete everything')).toEqual({
      name: 'help',
      problem: 'unknown subcommand "delete"',
      public: false,
    });
  });
});

/** Commands and installations through the bot's HTTP entry; answers land on the local Bot Connector. */
describe('Teams bot: commands and installation', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness();
    // Two open alerts (older first once listed) and one acknowledged.
    await h.trail.createAlert(
      aFinding({ id: 'f-cmd-new', time: '2026-11-20T12:00:00.000Z' }),
      new Date('2026-11-20T12:00:05Z'),
    );
    await h.trail.createAlert(
      aFinding({
        id: 'f-cmd-old',
        time: '2026-11-20T09:00:00.000Z',
        summary: 'bob deleted secret kube-system/old on prod-eu',
      }),
      new Date('2026-11-20T09:00:05Z'),
    );
    await h.trail.createAlert(
      aFinding({ id: 'f-cmd-done', time: '2026-11-20T10:00:00.000Z' }),
      new Date('2026-11-20T10:00:05Z'),
    );
    await h.trail.respond('f-cmd-done', {
      action: 'justify',
      by: { platform: 'teams', userId: 'aad-1', name: 'Carol', email: 'carol@example.com' },
      at: '2026-11-20T10:05:00.000Z',
      text: 'planned [maintenance](https://evil.example)',
    });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.connector.calls.length = 0;
  });

  async function send(activity: unknown) {
    const token = h.identity.sign(channelClaims({ serviceUrl: h.connector.serviceUrl }));
    const result = await h.bot.handle(anHttpApiEvent(activity, token));
    expect(result.statusCode).toBe(200);
  }
  async function ask(text: string): Promise<string[]> {
    await send(aCommand({ serviceUrl: h.connector.serviceUrl, text }));
    const [call] = h.connector.calls;
    expect(call).toMatchObject({ kind: 'create' });
    const card = attachmentOf(call)?.content;
    expect(checkAdaptiveCard(card).problems).toEqual([]);
    return (
      JSON.stringify(card)
        .match(/"text":"((?:[^"\\]|\\.)*)"/g)
        ?.map((m) => JSON.parse(m.slice(7)) as string) ?? []
    );
  }

  it('pending lists the open alerts, oldest first, with how long they have waited and their ids', async () => {
    const lines = await ask('pending');
    expect(lines[0]).toBe('Open alerts: 2');
    // The clock says 14:02; the alerts were stored at 09:00:05 and 12:00:05.
    expect(lines.slice(1)).toEqual([
      '[HIGH] bob deleted secret kube-system/old on prod-eu · prod-eu · 2026-11-20 09:00:00 UTC · waiting 5h 01m · f-cmd-old',
      '[HIGH] alice@example.com deleted secret kube-system/db-creds on prod-eu · prod-eu · 2026-11-20 12:00:00 UTC · waiting 2h 01m · f-cmd-new',
    ]);
  });

  it('show gives the alert and its whole trail, typed text as plain text', async () => {
    const lines = await ask('eks-audit show f-cmd-done');
    expect(lines[0]).toBe('Alert f-cmd-done: justified');
    expect(lines).toContain(
      '2026-11-20 10:05:00 UTC · justify by Carol (teams, carol@example.com): planned [maintenance](https://evil.example)',
    );
  });

  it('show says so for an unknown alert', async () => {
    expect((await ask('show f-nope'))[0]).toBe('No alert f-nope');
  });

  it('here answers the channel id for ROUTING (without the thread suffix) and stores the reference', async () => {
    const lines = await ask('here');
    expect(lines).toContain(`teamsConversation: ${CHANNEL_ID}`);
    expect(await h.conversations.get(CHANNEL_ID)).toMatchObject({
      serviceUrl: h.connector.serviceUrl,
      teamName: 'Platform',
    });
  });

  it('answers anything else with the help', async () => {
    expect((await ask('hello'))[0]).toBe('eks-audit commands');
  });

  it('report counts the window from the report index, as /eks-audit report does', async () => {
    const lines = await ask('report 24h');
    expect(lines[0]).toBe('Activity, last 24h: 3 alerts');
    expect(lines).toContain('3 changes, 0 refused attempts, 0 unknown outcomes');
    expect(lines).toContain('By person: alice@example.com 3');
    expect(lines).toContain('Changes without a justification: 2');
  });

  it('user lists what one person changed', async () => {
    const lines = await ask('user alice@example.com');
    expect(lines[0]).toBe('Changes by alice@example.com: 3');
  });

  it('stores and logs the conversation reference when installed in a team, and says so in the channel once', async () => {
    const channel = '19:0a1b2c3d4e5f@thread.tacv2';
    await send(anInstallation(h.connector.serviceUrl, channel));
    await send(aBotAdded(h.connector.serviceUrl, channel));
    expect(await h.conversations.get(channel)).toMatchObject({
      conversationId: channel,
      serviceUrl: h.connector.serviceUrl,
      tenantId: expect.any(String),
      teamName: 'Platform',
      channelName: 'General',
    });
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        message: 'teams bot installed',
        teamsConversation: channel,
        serviceUrl: h.connector.serviceUrl,
      }),
    );
    expect(h.connector.calls).toHaveLength(1);
    const [welcome] = h.connector.calls;
    expect(welcome).toMatchObject({ kind: 'create', conversationId: channel });
    expect(JSON.stringify(welcome?.activity)).toContain(`teamsConversation: ${channel}`);
  });
});
