import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoConversationReferenceStore } from '../../src/adapters/dynamodb/teams-conversations';
import { createSlackLambdaHandler } from '../../src/bot/lambda';
import { modalMetadata, SlackViewIds } from '../../src/bot/modals';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { TeamsVerbs } from '../../src/notify/teams/actions';
import { ConfigError } from '../../src/shared/errors';
import { TeamsPublisherEnvSchema } from '../../src/teams/config';
import { createTeamsCardPublisher } from '../../src/teams/publisher-setup';
import type { PostedMessage } from '../../src/triage/model';
import { aFinding } from '../support/builders';
import { checkAdaptiveCard } from '../teams/support/adaptive-cards';
import { attachmentOf, type ConnectorServer, startConnectorServer } from '../teams/support/connector-server';
import {
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from '../teams/support/identity-server';
import { type BotHarness, ephemeralReplies, startBotHarness } from './support/harness';
import { aButtonClick, alice, aViewSubmission } from './support/payloads';
import { TEST_SIGNING_SECRET } from './support/signed-requests';
import { startSsmServer } from './support/ssm-server';

/*
 * A response made in Slack updates the alert's Microsoft Teams cards too: the Slack Lambda entry, built from its
 * environment as on AWS (signed requests through AwsLambdaReceiver and Bolt), with everything local and real:
 * DynamoDB (dynalite: the trail and the Teams conversation references), SSM (the Slack secrets and the Teams
 * client secret), Slack's Web API (the recording fake), Entra and the Bot Connector (local servers).
 */

const TEAMS_PARAM = '/eks-audit-bot/test/teams/app-password';
const TEAMS_CONVERSATION = '19:alerts0slackclick@thread.tacv2';
const slackSecrets = {
  '/eks-audit-bot/test/slack/bot-token': '', // the fake Slack's token, set once it has started
  '/eks-audit-bot/test/slack/signing-secret': TEST_SIGNING_SECRET,
};

let identity: IdentityServer;
let connector: ConnectorServer;
beforeAll(async () => {
  identity = await startIdentityServer();
  connector = await startConnectorServer((token) => identity.issuedTokens.includes(token));
});
afterAll(async () => {
  await Promise.all([identity.close(), connector.close()]);
});

/** The Teams settings the template gives the Slack function when the Teams function is deployed. */
const teamsEnv = (): Record<string, string> => ({
  TEAMS_APP_ID: TEST_APP_ID,
  TEAMS_TENANT_ID: TEST_TENANT_ID,
  TEAMS_APP_PASSWORD_PARAM: TEAMS_PARAM,
  TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
  // Nothing listens here: the card's conversation reference (stored at installation) names the connector.
  TEAMS_SERVICE_URL: 'http://127.0.0.1:9/teams/',
});

/** The Slack function with its secrets in a local SSM, `env` added to the harness's. */
async function slackFunction(env: Record<string, string>) {
  const ssm = await startSsmServer({ ...slackSecrets, [TEAMS_PARAM]: TEST_APP_PASSWORD });
  const bot = await startBotHarness({ ssm: ssm.client(), env });
  ssm.parameters.set('/eks-audit-bot/test/slack/bot-token', bot.slack.token);
  await new DynamoConversationReferenceStore({
    client: bot.dynamo.client,
    tableName: bot.dynamo.tableName,
  }).save({
    conversationId: TEAMS_CONVERSATION,
    serviceUrl: connector.serviceUrl,
    installedAt: '2026-11-01T09:00:00.000Z',
  });
  const teamsReads = () => ssm.calls.filter((names) => names.includes(TEAMS_PARAM));
  const logged = (message: string) =>
    bot.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.message === message);
  return { ssm, bot, teamsReads, logged, close: () => Promise.all([bot.close(), ssm.close()]) };
}
type SlackFunction = Awaited<ReturnType<typeof slackFunction>>;

let ids = 0;
/** An alert with a Slack card and, unless `teams` is false, a Teams card posted as the notifier posts it. */
async function anAlert(
  bot: BotHarness,
  teams = true,
): Promise<{ alertId: string; card: PostedMessage; teamsCard?: PostedMessage }> {
  const { alert, card } = await bot.postAlert(aFinding({ id: `f-slack-teams-${++ids}` }));
  if (!teams) return { alertId: alert.id, card };
  const publisher = createTeamsCardPublisher({
    env: TeamsPublisherEnvSchema.parse({ ...teamsEnv(), TEAMS_SERVICE_URL: connector.serviceUrl }),
    appPassword: TEST_APP_PASSWORD,
    dynamo: bot.dynamo.client,
    tableName: bot.dynamo.tableName,
    clock: () => new Date('2026-11-20T14:01:10.000Z'),
  });
  const teamsCard = await publisher.post(alert, { channel: TEAMS_CONVERSATION });
  const stored = await bot.trail.recordMessage(alert.id, teamsCard);
  if (!stored.ok) throw new Error(`Teams card not recorded: ${stored.reason}`);
  return { alertId: alert.id, card, teamsCard };
}

const acknowledge = (bot: BotHarness, alertId: string, card: PostedMessage, responseUrl?: string) =>
  bot.post(
    aButtonClick({
      actionId: SlackActionIds.acknowledge,
      alertId,
      ts: card.messageId,
      ...(responseUrl ? { responseUrl } : {}),
    }),
  );

const teamsUpdatesOf = (card: PostedMessage | undefined) =>
  connector.calls.filter((call) => call.kind === 'update' && call.activityId === card?.messageId);

beforeEach(() => {
  connector.calls.length = 0;
});

describe('Slack function: the alert’s Teams cards', () => {
  let fn: SlackFunction;
  beforeAll(async () => {
    fn = await slackFunction(teamsEnv());
  });
  afterAll(() => fn.close());

  it('a Slack Acknowledge replaces the Teams card through the Bot Connector with the acknowledged card', async () => {
    const { alertId, card, teamsCard } = await anAlert(fn.bot);

    const response = await acknowledge(fn.bot, alertId, card);

    expect(response.statusCode).toBe(200);
    const [update, ...more] = teamsUpdatesOf(teamsCard);
    expect(more).toEqual([]);
    expect(update?.conversationId).toBe(TEAMS_CONVERSATION);
    // With a token Entra issued for the client secret read from SSM.
    expect(identity.issuedTokens).toContain(update?.authorization?.replace(/^Bearer /, ''));
    const content = attachmentOf(update)?.content;
    expect(checkAdaptiveCard(content).problems).toEqual([]);
    const text = JSON.stringify(content);
    expect(text).toContain('Acknowledged by bob, 14:02 UTC');
    expect(text).not.toContain(TeamsVerbs.acknowledge);
    expect(text).toContain(TeamsVerbs.justify);
    // The Slack card was updated as before, and nothing failed.
    expect(JSON.stringify(fn.bot.slack.message('C0ALERTS', card.messageId)?.blocks)).toContain(
      'Acknowledged by <@U0BOB>',
    );
    expect(fn.logged('triage follow-up failed')).toEqual([]);
  });

  it('a Slack justification (the modal submitted) replaces the Teams card with the justified card', async () => {
    const { alertId, card, teamsCard } = await anAlert(fn.bot);

    const response = await fn.bot.post(
      aViewSubmission({
        callbackId: SlackViewIds.justifyModal,
        privateMetadata: modalMetadata({
          alertId,
          origin: { platform: 'slack', channel: 'C0ALERTS', messageId: card.messageId },
        }),
        values: { reason: 'rotating a leaked key', ticket: 'https://jira.example.com/browse/OPS-42' },
        user: alice,
      }),
    );

    expect(response).toEqual({ statusCode: 200, body: '' });
    const [update, ...more] = teamsUpdatesOf(teamsCard);
    expect(more).toEqual([]);
    const content = attachmentOf(update)?.content;
    expect(checkAdaptiveCard(content).problems).toEqual([]);
    const text = JSON.stringify(content);
    expect(text).toContain('rotating a leaked key');
    expect(text).toContain('https://jira.example.com/browse/OPS-42');
    expect(text).not.toContain(TeamsVerbs.justify);
    expect(fn.logged('triage follow-up failed')).toEqual([]);
  });

  it('reads the Teams client secret from SSM once, for several clicks', async () => {
    const fresh = await slackFunction(teamsEnv());
    try {
      const first = await anAlert(fresh.bot);
      const second = await anAlert(fresh.bot);
      expect(fresh.teamsReads()).toEqual([]);

      await acknowledge(fresh.bot, first.alertId, first.card);
      await acknowledge(fresh.bot, second.alertId, second.card);

      expect(fresh.teamsReads()).toEqual([[TEAMS_PARAM]]);
      expect(teamsUpdatesOf(first.teamsCard)).toHaveLength(1);
      expect(teamsUpdatesOf(second.teamsCard)).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the Slack click whole when the Bot Connector fails: Slack card updated, failure logged, no reply about it', async () => {
    const { alertId, card, teamsCard } = await anAlert(fn.bot);
    connector.failNextOf('PUT', { status: 500, body: { error: 'boom' } });
    const replies = ephemeralReplies(fn.bot.slack).length;

    const response = await acknowledge(fn.bot, alertId, card, fn.bot.slack.responseUrl('teams-down'));

    expect(response.statusCode).toBe(200);
    expect((await fn.bot.trail.getAlert(alertId))?.status).toBe('acknowledged');
    expect(JSON.stringify(fn.bot.slack.message('C0ALERTS', card.messageId)?.blocks)).toContain(
      'Acknowledged by <@U0BOB>',
    );
    // A 500 may have replaced the card: not retried.
    expect(teamsUpdatesOf(teamsCard)).toEqual([]);
    expect(fn.logged('triage follow-up failed')).toEqual([
      expect.objectContaining({
        level: 'warn',
        alertId,
        kind: 'card',
        platform: 'teams',
        target: TEAMS_CONVERSATION,
        error: expect.stringContaining('HTTP 500'),
      }),
    ]);
    // The person in Slack cannot act on the Teams card: the updated Slack card says it all.
    expect(ephemeralReplies(fn.bot.slack).length).toBe(replies);
  });
  it('does not hold the Slack click to wait out a Bot Connector Retry-After longer than a second', async () => {
    const { alertId, card, teamsCard } = await anAlert(fn.bot);
    connector.failNextOf('PUT', {
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: 'throttled' },
    });
    const puts = () => connector.server.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();

    expect((await acknowledge(fn.bot, alertId, card)).statusCode).toBe(200);

    // One attempt: the notifier's background profile would wait the 3 s out (it waits up to 10 s) and retry.
    expect(puts() - before).toBe(1);
    expect(teamsUpdatesOf(teamsCard)).toEqual([]);
    expect(fn.logged('triage follow-up failed').at(-1)).toMatchObject({
      alertId,
      platform: 'teams',
      error: expect.stringContaining('HTTP 429'),
    });
  });
});

describe('Slack function: Teams cards when the client secret cannot be read', () => {
  let fn: SlackFunction;
  beforeAll(async () => {
    fn = await slackFunction(teamsEnv());
    fn.ssm.parameters.delete(TEAMS_PARAM);
  });
  afterAll(() => fn.close());

  it('keeps the Slack click, logs the failure, and reads the secret again on the next click', async () => {
    const { alertId, card, teamsCard } = await anAlert(fn.bot);

    const response = await acknowledge(fn.bot, alertId, card);

    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(fn.bot.slack.message('C0ALERTS', card.messageId)?.blocks)).toContain(
      'Acknowledged by <@U0BOB>',
    );
    expect(teamsUpdatesOf(teamsCard)).toEqual([]);
    expect(fn.logged('triage follow-up failed')).toEqual([
      expect.objectContaining({
        alertId,
        platform: 'teams',
        error: expect.stringContaining(`SSM parameter ${TEAMS_PARAM} not found`),
      }),
    ]);
    expect(fn.bot.logs.join('\n')).not.toContain(TEST_APP_PASSWORD);

    fn.ssm.parameters.set(TEAMS_PARAM, TEST_APP_PASSWORD);
    const next = await anAlert(fn.bot);
    expect((await acknowledge(fn.bot, next.alertId, next.card)).statusCode).toBe(200);
    expect(fn.teamsReads()).toEqual([[TEAMS_PARAM], [TEAMS_PARAM]]);
    expect(teamsUpdatesOf(next.teamsCard)).toHaveLength(1);
  });

  it('never reads the client secret for an alert with no Teams card', async () => {
    const before = fn.teamsReads().length;
    const { alertId, card } = await anAlert(fn.bot, false);

    expect((await acknowledge(fn.bot, alertId, card)).statusCode).toBe(200);

    expect(fn.teamsReads().length).toBe(before);
    expect(connector.calls).toEqual([]);
    expect((await fn.bot.trail.getAlert(alertId))?.status).toBe('acknowledged');
  });
});

describe('Slack function without the Teams settings (Slack only)', () => {
  let fn: SlackFunction;
  beforeAll(async () => {
    fn = await slackFunction({});
  });
  afterAll(() => fn.close());

  it('updates the Slack card, and makes no Teams call and no Teams secret read even for an alert with a Teams card', async () => {
    const { alertId, card, teamsCard } = await anAlert(fn.bot);
    connector.calls.length = 0;

    expect((await acknowledge(fn.bot, alertId, card)).statusCode).toBe(200);

    expect(JSON.stringify(fn.bot.slack.message('C0ALERTS', card.messageId)?.blocks)).toContain(
      'Acknowledged by <@U0BOB>',
    );
    expect(teamsUpdatesOf(teamsCard)).toEqual([]);
    expect(fn.teamsReads()).toEqual([]);
    expect(fn.logged('triage follow-up failed')).toEqual([]);
  });
});

describe('Slack function: Teams settings at cold start', () => {
  const base = {
    TABLE_NAME: 'eks-audit-trail',
    SLACK_BOT_TOKEN_PARAM: '/eks-audit-bot/slack/bot-token',
    SLACK_SIGNING_SECRET_PARAM: '/eks-audit-bot/slack/signing-secret',
  };
  const build = (env: Record<string, string>) => () =>
    createSlackLambdaHandler({
      env: { ...base, ...env },
      secrets: { slackSecrets: async () => ({ botToken: 'x', signingSecret: 'y' }) },
    });

  it.each([
    [
      'TEAMS_TENANT_ID',
      { TEAMS_APP_ID: TEST_APP_ID, TEAMS_APP_PASSWORD_PARAM: TEAMS_PARAM },
      /TEAMS_TENANT_ID/,
    ],
    [
      'TEAMS_APP_PASSWORD_PARAM',
      { TEAMS_APP_ID: TEST_APP_ID, TEAMS_TENANT_ID: TEST_TENANT_ID, TEAMS_APP_PASSWORD_PARAM: 'password' },
      /TEAMS_APP_PASSWORD_PARAM: must be an SSM parameter name/,
    ],
  ])('fails at once on a half-configured Teams, naming %s', (_setting, env, message) => {
    expect(build(env)).toThrow(ConfigError);
    expect(build(env)).toThrow(message);
  });

  it('starts without any Teams setting, and with empty ones (Slack only)', () => {
    expect(build({})).not.toThrow();
    expect(build({ TEAMS_APP_ID: '', TEAMS_TENANT_ID: ' ' })).not.toThrow();
  });
});
