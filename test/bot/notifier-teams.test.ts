import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import { type NotifierDeps, notifyFinding } from '../../src/bot/notifier';
import type { Routing } from '../../src/notify/routing';
import { TeamsPublisherEnvSchema } from '../../src/teams/config';
import { createTeamsCardPublisher } from '../../src/teams/publisher-setup';
import { aFinding } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { testWebClient } from '../support/slack-client';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { checkAdaptiveCard } from '../teams/support/adaptive-cards';
import { attachmentOf, type ConnectorServer, startConnectorServer } from '../teams/support/connector-server';
import {
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from '../teams/support/identity-server';
import { recordingLog } from './support/recording-log';
import { anSnsRecord } from './support/sns-records';

/**
 * The notifier posting to Teams as well as, or instead of, Slack: dynalite for the trail, the fake Slack Web
 * API, and a local Bot Connector (with a local Entra token endpoint) that records the cards it is sent.
 */
const TEAMS = '19:alerts0notifier@thread.tacv2';
const TEAMS_PROD = '19:prod0notifier@thread.tacv2';
const now = new Date('2026-11-20T14:01:10.000Z');

let dynamo: TestDynamo;
let slack: SlackServer;
let identity: IdentityServer;
let connector: ConnectorServer;
beforeAll(async () => {
  [dynamo, identity] = await Promise.all([
    startTestDynamo({ tableName: 'eks-audit-notifier-teams' }),
    startIdentityServer(),
  ]);
  connector = await startConnectorServer((token) => identity.issuedTokens.includes(token));
});
afterAll(async () => {
  await Promise.all([dynamo.close(), identity.close(), connector.close()]);
});
beforeEach(async () => {
  slack = await startSlackServer({ channels: ['C0ALERTS', 'C0PROD'] });
  connector.calls.length = 0;
  connector.server.requests.length = 0;
});
afterEach(() => slack.close());

let ids = 0;
const freshFinding = (overrides: Parameters<typeof aFinding>[0] = {}) =>
  aFinding({ id: `f-teams-notify-${++ids}`, ...overrides });

function deps(routing: Routing) {
  const log = recordingLog();
  const built: NotifierDeps = {
    trail: aTrail(dynamo),
    publisher: new SlackCardPublisher(testWebClient(slack)),
    teams: createTeamsCardPublisher({
      env: TeamsPublisherEnvSchema.parse({
        TEAMS_APP_ID: TEST_APP_ID,
        TEAMS_TENANT_ID: TEST_TENANT_ID,
        TEAMS_APP_PASSWORD_PARAM: '/eks-audit-bot/test/teams/app-password',
        TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
        TEAMS_SERVICE_URL: connector.serviceUrl,
      }),
      appPassword: TEST_APP_PASSWORD,
      dynamo: dynamo.client,
      tableName: dynamo.tableName,
      clock: () => now,
    }),
    routing,
    clock: () => now,
    log,
  };
  return { ...built, log };
}

const teamsOnly: Routing = { defaultTeamsConversation: TEAMS, routes: [] };
const creates = () => connector.calls.filter((call) => call.kind === 'create');

describe('notifyFinding with Teams', () => {
  it('posts an Adaptive Card into the routed Teams conversation and records it as a Teams card', async () => {
    const finding = freshFinding();
    const d = deps(teamsOnly);
    const outcome = await notifyFinding(anSnsRecord(finding), d);

    expect(outcome).toEqual({
      status: 'posted',
      alertId: finding.id,
      channel: TEAMS,
      ts: 'activity-1',
      created: true,
      cards: [{ status: 'posted', platform: 'teams', channel: TEAMS, messageId: 'activity-1' }],
    });
    const [call] = creates();
    expect(call?.conversationId).toBe(TEAMS);
    const card = attachmentOf(call);
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(checkAdaptiveCard(card?.content).problems).toEqual([]);
    expect(JSON.stringify(card?.content)).toContain(finding.id);
    expect((await d.trail.getAlert(finding.id))?.messages).toEqual([
      { platform: 'teams', channel: TEAMS, messageId: 'activity-1' },
    ]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(d.log.records.find((r) => r.message === 'card posted')).toMatchObject({
      findingId: finding.id,
      platform: 'teams',
      channel: TEAMS,
    });
  });

  it('posts to Slack and Teams for a route that names both, and records both cards', async () => {
    const routing: Routing = {
      defaultChannel: 'C0ALERTS',
      routes: [{ cluster: 'prod-eu', channel: 'C0PROD', teamsConversation: TEAMS_PROD }],
    };
    const finding = freshFinding({ where: { cluster: 'prod-eu' } });
    const d = deps(routing);
    const outcome = await notifyFinding(anSnsRecord(finding), d);

    expect(outcome).toMatchObject({ status: 'posted', channel: 'C0PROD', created: true });
    expect(
      outcome.status === 'posted' && outcome.cards.map((c) => [c.status, c.platform, c.channel]),
    ).toEqual([
      ['posted', 'slack', 'C0PROD'],
      ['posted', 'teams', TEAMS_PROD],
    ]);
    expect(slack.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0PROD']);
    expect(creates().map((c) => c.conversationId)).toEqual([TEAMS_PROD]);
    const messages = (await d.trail.getAlert(finding.id))?.messages ?? [];
    expect(messages.map((m) => [m.platform, m.channel]).sort()).toEqual([
      ['slack', 'C0PROD'],
      ['teams', TEAMS_PROD],
    ]);
  });

  it('sends a finding no route matches to both defaults, and a Slack-only route to Slack alone', async () => {
    const routing: Routing = {
      defaultChannel: 'C0ALERTS',
      defaultTeamsConversation: TEAMS,
      routes: [{ cluster: 'slack-only', channel: 'C0PROD' }],
    };
    const both = await notifyFinding(anSnsRecord(freshFinding()), deps(routing));
    const slackOnly = await notifyFinding(
      anSnsRecord(freshFinding({ where: { cluster: 'slack-only' } })),
      deps(routing),
    );
    expect(both.status === 'posted' && both.cards.map((c) => c.platform)).toEqual(['slack', 'teams']);
    expect(slackOnly.status === 'posted' && slackOnly.cards.map((c) => c.platform)).toEqual(['slack']);
    expect(
      slack
        .callsTo('chat.postMessage')
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(['C0ALERTS', 'C0PROD']);
    expect(creates().map((c) => c.conversationId)).toEqual([TEAMS]);
  });

  it('posts no second Teams card when SNS redelivers the same message', async () => {
    const record = anSnsRecord(freshFinding());
    const routing: Routing = { defaultChannel: 'C0ALERTS', defaultTeamsConversation: TEAMS, routes: [] };
    const first = await notifyFinding(record, deps(routing));
    const again = await notifyFinding(record, deps(routing));
    const third = await notifyFinding(record, deps(routing));

    expect(first.status).toBe('posted');
    expect(again).toMatchObject({
      status: 'already-posted',
      cards: [
        { status: 'already-posted', platform: 'slack', channel: 'C0ALERTS' },
        { status: 'already-posted', platform: 'teams', channel: TEAMS },
      ],
    });
    expect(third.status).toBe('already-posted');
    expect(creates()).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts the Teams card, once, of an alert stored before a crash that left it without one', async () => {
    const finding = freshFinding();
    const d = deps(teamsOnly);
    await d.trail.createAlert(finding, now);

    expect(await notifyFinding(anSnsRecord(finding), d)).toMatchObject({ status: 'posted', created: false });
    expect(
      d.log.records.some((r) => String(r.message).startsWith('alert stored earlier without a card')),
    ).toBe(true);
    await notifyFinding(anSnsRecord(finding), deps(teamsOnly));
    expect(creates()).toHaveLength(1);
    expect((await d.trail.getAlert(finding.id))?.messages).toHaveLength(1);
  });

  it('keeps the Slack card when Teams fails, then the retry posts the Teams card alone', async () => {
    const routing: Routing = { defaultChannel: 'C0ALERTS', defaultTeamsConversation: TEAMS, routes: [] };
    const record = anSnsRecord(freshFinding());
    connector.failNext({ status: 500, body: { error: 'boom' } });

    await expect(notifyFinding(record, deps(routing))).rejects.toMatchObject({
      code: 'TEAMS_CONNECTOR_FAILED',
    });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    const retried = await notifyFinding(record, deps(routing));
    expect(retried.status === 'posted' && retried.cards.map((c) => [c.platform, c.status])).toEqual([
      ['slack', 'already-posted'],
      ['teams', 'posted'],
    ]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(creates()).toHaveLength(1);
  });

  it('posts the Teams card although Slack refuses, and names both failures when both fail', async () => {
    const routing: Routing = { defaultChannel: 'C0GONE', defaultTeamsConversation: TEAMS, routes: [] };
    const finding = freshFinding();
    await expect(notifyFinding(anSnsRecord(finding), deps(routing))).rejects.toThrow(/channel_not_found/);
    expect((await aTrail(dynamo).getAlert(finding.id))?.messages.map((m) => m.platform)).toEqual(['teams']);

    connector.failNext({ status: 500, body: { error: 'boom' } });
    const error = await notifyFinding(anSnsRecord(freshFinding()), deps(routing)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CARDS_NOT_POSTED' });
    expect((error as Error).message).toMatch(/channel_not_found.*HTTP 500|HTTP 500.*channel_not_found/);
  });
});
