import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNotifierHandler, NotifierFailedError } from '../../src/bot/notifier-lambda';
import { ConfigError } from '../../src/shared/errors';
import { aFinding } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { type ConnectorServer, startConnectorServer } from '../teams/support/connector-server';
import {
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from '../teams/support/identity-server';
import { anSnsEvent, anSnsRecord } from './support/sns-records';
import { type SsmServer, startSsmServer } from './support/ssm-server';

/**
 * The notifier as Lambda runs it, configured for Teams by its environment: the real SSM client reads the
 * secrets from a local SSM stand-in, cards go to the fake Slack and to a local Bot Connector.
 */
const TEAMS = '19:alerts0handler@thread.tacv2';
const TOKEN_PARAM = '/eks-audit-bot/test/slack/bot-token';
const SIGNING_PARAM = '/eks-audit-bot/test/slack/signing-secret';
const TEAMS_PARAM = '/eks-audit-bot/test/teams/app-password';

let dynamo: TestDynamo;
let slack: SlackServer;
let identity: IdentityServer;
let connector: ConnectorServer;
let ssm: SsmServer;
beforeAll(async () => {
  [dynamo, identity] = await Promise.all([
    startTestDynamo({ tableName: 'eks-audit-notifier-teams-handler' }),
    startIdentityServer(),
  ]);
  connector = await startConnectorServer((token) => identity.issuedTokens.includes(token));
});
afterAll(async () => {
  await Promise.all([dynamo.close(), identity.close(), connector.close()]);
});
beforeEach(async () => {
  slack = await startSlackServer({ channels: ['C0ALERTS'] });
  ssm = await startSsmServer({
    [TOKEN_PARAM]: slack.token,
    [SIGNING_PARAM]: 'test-signing-secret',
    [TEAMS_PARAM]: TEST_APP_PASSWORD,
  });
  connector.calls.length = 0;
});
afterEach(async () => {
  await Promise.all([slack.close(), ssm.close()]);
});

const base = (): Record<string, string> => ({
  TABLE_NAME: dynamo.tableName,
  SLACK_BOT_TOKEN_PARAM: TOKEN_PARAM,
  SLACK_SIGNING_SECRET_PARAM: SIGNING_PARAM,
  SLACK_API_URL: slack.apiUrl,
  AWS_REGION: 'us-east-1',
});
const teamsEnv = (): Record<string, string> => ({
  TEAMS_APP_ID: TEST_APP_ID,
  TEAMS_TENANT_ID: TEST_TENANT_ID,
  TEAMS_APP_PASSWORD_PARAM: TEAMS_PARAM,
  TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
  TEAMS_SERVICE_URL: connector.serviceUrl,
});

function handler(env: Record<string, string>) {
  const logs: Record<string, unknown>[] = [];
  const notifier = createNotifierHandler({
    env,
    ssm: ssm.client(),
    dynamo: dynamo.client,
    clock: () => new Date('2026-11-20T14:01:10.000Z'),
    writeLog: (line) => logs.push(JSON.parse(line)),
  });
  return { notifier, logs };
}

describe('notifier handler with Teams', () => {
  it('posts to Teams alone with only a default Teams conversation, never reading the Slack token', async () => {
    const { notifier } = handler({ ...base(), ...teamsEnv(), TEAMS_DEFAULT_CONVERSATION: TEAMS });
    const [a, b] = [aFinding({ id: 'f-th-1' }), aFinding({ id: 'f-th-2' })];

    const summary = await notifier(anSnsEvent(anSnsRecord(a, 'm-1'), anSnsRecord(b, 'm-2')));
    expect(summary).toEqual({
      records: 2,
      posted: 2,
      alreadyPosted: 0,
      cards: { slack: 0, teams: 2 },
      noPublisher: 0,
      skipped: {},
      failed: 0,
    });
    await notifier(anSnsEvent(anSnsRecord(aFinding({ id: 'f-th-3' }), 'm-3')));
    expect(connector.calls.map((c) => c.conversationId)).toEqual([TEAMS, TEAMS, TEAMS]);
    // The client secret is read once per cold start; the Slack token not at all.
    expect(ssm.calls).toEqual([[TEAMS_PARAM]]);
    expect(slack.calls).toHaveLength(0);
    expect((await aTrail(dynamo).getAlert('f-th-1'))?.messages).toMatchObject([
      { platform: 'teams', channel: TEAMS },
    ]);
  });

  it('posts to Slack and Teams with both defaults, and a redelivery posts nothing', async () => {
    const { notifier } = handler({
      ...base(),
      ...teamsEnv(),
      SLACK_DEFAULT_CHANNEL: 'C0ALERTS',
      TEAMS_DEFAULT_CONVERSATION: TEAMS,
    });
    const event = anSnsEvent(anSnsRecord(aFinding({ id: 'f-th-both' }), 'm-both'));
    expect(await notifier(event)).toMatchObject({ posted: 1, cards: { slack: 1, teams: 1 } });
    expect(await notifier(event)).toMatchObject({
      posted: 0,
      alreadyPosted: 1,
      cards: { slack: 0, teams: 0 },
    });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(connector.calls).toHaveLength(1);
  });

  it('fails the invocation when the client secret cannot be read, and reads it again on the retry', async () => {
    ssm.parameters.delete(TEAMS_PARAM);
    const { notifier, logs } = handler({ ...base(), ...teamsEnv(), TEAMS_DEFAULT_CONVERSATION: TEAMS });
    const event = anSnsEvent(anSnsRecord(aFinding({ id: 'f-th-nosecret' }), 'm-ns'));

    await expect(notifier(event)).rejects.toBeInstanceOf(NotifierFailedError);
    expect(logs.find((l) => l.message === 'finding not posted')?.error).toContain(
      `SSM parameter ${TEAMS_PARAM} not found`,
    );
    expect((await aTrail(dynamo).getAlert('f-th-nosecret'))?.messages).toEqual([]);

    ssm.parameters.set(TEAMS_PARAM, TEST_APP_PASSWORD);
    expect(await notifier(event)).toMatchObject({ posted: 1, cards: { teams: 1 } });
    expect(connector.calls).toHaveLength(1);
  });

  it('without the Teams settings, logs and counts each card routed to Teams, and posts the Slack ones', async () => {
    const routing = JSON.stringify({
      defaultChannel: 'C0ALERTS',
      routes: [{ cluster: 'teams-only', teamsConversation: TEAMS }],
    });
    const { notifier, logs } = handler({ ...base(), ROUTING: routing });
    expect(logs.find((l) => l.level === 'warn')?.message).toMatch(
      /ROUTING sends cards to Teams, but TEAMS_APP_ID, TEAMS_TENANT_ID and TEAMS_APP_PASSWORD_PARAM are not set/,
    );
    const toTeams = aFinding({ id: 'f-th-unconfigured', where: { cluster: 'teams-only' } });
    const toSlack = aFinding({ id: 'f-th-slack' });

    const summary = await notifier(anSnsEvent(anSnsRecord(toTeams, 'm-t'), anSnsRecord(toSlack, 'm-s')));
    expect(summary).toMatchObject({ records: 2, posted: 1, noPublisher: 1, failed: 0, cards: { slack: 1 } });
    expect(logs.find((l) => l.level === 'error')).toMatchObject({
      message: 'card not posted: the notifier has no teams publisher (not configured)',
      alertId: 'f-th-unconfigured',
      snsMessageId: 'm-t',
    });
    expect(await aTrail(dynamo).getAlert('f-th-unconfigured')).toBeDefined();
  });
});

describe('notifier configuration with Teams', () => {
  it('needs no Slack default channel when a Teams default conversation is set', () => {
    expect(() =>
      handler({ ...base(), ...teamsEnv(), ROUTING: JSON.stringify({ defaultTeamsConversation: TEAMS }) }),
    ).not.toThrow();
    expect(() => handler({ ...base(), ...teamsEnv(), TEAMS_DEFAULT_CONVERSATION: TEAMS })).not.toThrow();
  });

  it('says which settings can give a default when neither Slack nor Teams has one', () => {
    expect(() => handler({ ...base(), ...teamsEnv() })).toThrow(
      /SLACK_DEFAULT_CHANNEL or TEAMS_DEFAULT_CONVERSATION: one is required/,
    );
  });

  it.each([
    [{ TEAMS_TENANT_ID: '' }, /TEAMS_TENANT_ID/],
    [{ TEAMS_APP_ID: 'eks-audit' }, /TEAMS_APP_ID: must be a GUID/],
    [{ TEAMS_APP_PASSWORD_PARAM: 'app-password' }, /TEAMS_APP_PASSWORD_PARAM: must be an SSM parameter name/],
    [{ TEAMS_SERVICE_URL: 'smba' }, /TEAMS_SERVICE_URL: must be an http\(s\) URL/],
  ])('fails at cold start on half a Teams configuration, naming the setting (%j)', (overrides, message) => {
    const env = { ...base(), ...teamsEnv(), SLACK_DEFAULT_CHANNEL: 'C0ALERTS', ...overrides };
    expect(() => handler(env)).toThrow(ConfigError);
    expect(() => handler(env)).toThrow(message);
  });
});
