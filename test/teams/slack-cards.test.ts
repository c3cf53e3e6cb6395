import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { TeamsInputIds } from '../../src/notify/teams/actions';
import { ConfigError } from '../../src/shared/errors';
import { createTeamsLambdaHandler } from '../../src/teams/lambda';
import type { PostedMessage } from '../../src/triage/model';
import { type SsmServer, startSsmServer } from '../bot/support/ssm-server';
import { aFinding } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { testWebClient } from '../support/slack-client';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { anHttpApiEvent, anInvoke, bob } from './support/activities';
import { type ConnectorServer, startConnectorServer } from './support/connector-server';
import {
  channelClaims,
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from './support/identity-server';

/*
 * A response made in Teams updates the alert's Slack cards too: the Teams Lambda entry, built from its
 * environment as on AWS, with everything local and real: Entra and the Bot Connector (local servers),
 * DynamoDB (dynalite), SSM (the Slack bot token's parameter) and Slack's Web API (the recording fake).
 */

const TOKEN_PARAM = '/eks-audit-bot/test/slack/bot-token';
const SLACK_CHANNEL = 'C0ALERTS';

describe('Teams function: the alert’s Slack cards', () => {
  let identity: IdentityServer;
  let connector: ConnectorServer;
  let dynamo: TestDynamo;
  let ssm: SsmServer;
  let slack: SlackServer;
  let logs: Record<string, unknown>[] = [];
  let counter = 0;

  beforeAll(async () => {
    identity = await startIdentityServer();
    [connector, dynamo, slack] = await Promise.all([
      startConnectorServer((token) => identity.issuedTokens.includes(token)),
      startTestDynamo({ tableName: 'eks-audit-teams-slack-cards' }),
      startSlackServer({ channels: [SLACK_CHANNEL] }),
    ]);
    connector.members.set(bob.id, bob);
    ssm = await startSsmServer({ [TOKEN_PARAM]: slack.token });
  });
  afterAll(async () => {
    await Promise.all([identity.close(), connector.close(), dynamo.close(), ssm.close(), slack.close()]);
  });
  beforeEach(() => {
    logs = [];
    ssm.calls.length = 0;
    connector.calls.length = 0;
  });

  const env = (overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
    TEAMS_APP_ID: TEST_APP_ID,
    TEAMS_TENANT_ID: TEST_TENANT_ID,
    TEAMS_APP_PASSWORD_PARAM: '/eks-audit-bot/test/teams/app-password',
    TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
    TEAMS_SERVICE_URL: connector.serviceUrl,
    TABLE_NAME: dynamo.tableName,
    SLACK_BOT_TOKEN_PARAM: TOKEN_PARAM,
    SLACK_API_URL: slack.apiUrl,
    ...overrides,
  });
  const handlerFor = (environment: NodeJS.ProcessEnv) =>
    createTeamsLambdaHandler({
      env: environment,
      appPassword: async () => TEST_APP_PASSWORD,
      ssm: ssm.client(),
      dynamo: dynamo.client,
      clock: () => new Date('2026-11-20T14:02:00Z'),
      writeLog: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    });

  /** An alert whose card was posted to Slack (through the real publisher) and recorded in the trail. */
  async function anAlertWithASlackCard(): Promise<{ alertId: string; card: PostedMessage }> {
    counter += 1;
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(
      aFinding({ id: `f-teams-slack-${counter}` }),
      new Date('2026-11-20T14:01:10Z'),
    );
    const card = await new SlackCardPublisher(testWebClient(slack)).post(alert, { channel: SLACK_CHANNEL });
    await trail.recordMessage(alert.id, card);
    return { alertId: alert.id, card };
  }

  async function click(
    handler: ReturnType<typeof handlerFor>,
    verb: 'acknowledge' | 'justify' | 'escalate',
    data: Record<string, unknown>,
  ) {
    const activity = anInvoke({ serviceUrl: connector.serviceUrl, verb, data });
    const result = await handler(
      anHttpApiEvent(activity, identity.sign(channelClaims({ serviceUrl: connector.serviceUrl }))),
    );
    expect(result.statusCode).toBe(200);
    return JSON.parse(result.body) as { type: string; value: unknown };
  }

  const updatesOf = (card: PostedMessage) =>
    slack.callsTo('chat.update').filter((call) => call.args.ts === card.messageId);
  const followUpWarnings = () =>
    logs.filter((line) => line.level === 'warn' && line.message === 'triage follow-up failed');

  it.each([
    ['acknowledge', {}, 'Acknowledged by Bob Builder, 14:02 UTC', [SlackActionIds.acknowledge]],
    [
      'justify',
      { [TeamsInputIds.justifyReason]: 'Rotating the DB credentials' },
      'Justified by Bob Builder, 14:02 UTC: Rotating the DB credentials',
      [],
    ],
    [
      'escalate',
      { [TeamsInputIds.escalateReason]: 'Not in any change window' },
      'Escalated by Bob Builder, 14:02 UTC: Not in any change window',
      [SlackActionIds.escalate],
    ],
  ] as const)(
    'a Teams %s updates the Slack card in place (chat.update)',
    async (verb, inputs, status, gone) => {
      const handler = handlerFor(env());
      const { alertId, card } = await anAlertWithASlackCard();

      await click(handler, verb, { alertId, ...inputs });

      const [update, ...more] = updatesOf(card);
      expect(more).toEqual([]);
      expect(update?.args).toMatchObject({ channel: SLACK_CHANNEL, ts: card.messageId });
      expect(update?.token).toBe(slack.token);
      const blocks = JSON.stringify(update?.args.blocks);
      expect(blocks).toContain(status);
      for (const actionId of gone) expect(blocks).not.toContain(actionId);
      // What Slack now shows is that card, and the Teams card was replaced as well.
      expect(JSON.stringify(slack.message(SLACK_CHANNEL, card.messageId)?.blocks)).toContain(status);
      expect(connector.calls.map((c) => c.kind)).toContain('update');
      expect(followUpWarnings()).toEqual([]);
    },
  );

  it('reads the Slack bot token from SSM once, on the first Slack card to update', async () => {
    const handler = handlerFor(env());
    const first = await anAlertWithASlackCard();
    const second = await anAlertWithASlackCard();

    await click(handler, 'acknowledge', { alertId: first.alertId });
    await click(handler, 'acknowledge', { alertId: second.alertId });

    expect(ssm.calls).toEqual([[TOKEN_PARAM]]);
    expect(updatesOf(first.card)).toHaveLength(1);
    expect(updatesOf(second.card)).toHaveLength(1);
  });

  it('answers the Teams click with the updated card when Slack is down, retrying once and logging the failure', async () => {
    const handler = handlerFor(env());
    const { alertId, card } = await anAlertWithASlackCard();
    // Exactly the attempts the interactive profile makes: a third one would succeed and log no failure.
    slack.failNext('chat.update', 2, 'server_error');

    const answer = await click(handler, 'acknowledge', { alertId });

    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toContain('Acknowledged by Bob Builder, 14:02 UTC');
    expect((await aTrail(dynamo).getAlert(alertId))?.status).toBe('acknowledged');
    expect(connector.calls.map((c) => c.kind)).toContain('update');
    // The interactive profile: the first attempt and one retry, then the click goes on without Slack.
    expect(updatesOf(card).map((call) => call.status)).toEqual([503, 503]);
    expect(followUpWarnings()).toEqual([
      expect.objectContaining({
        alertId,
        kind: 'card',
        platform: 'slack',
        target: SLACK_CHANNEL,
        error: expect.stringContaining('chat.update'),
      }),
    ]);
  });

  it('answers the Teams click when the token parameter cannot be read, and reads it again on the next click', async () => {
    const missing = '/eks-audit-bot/test/slack/missing-token';
    const handler = handlerFor(env({ SLACK_BOT_TOKEN_PARAM: missing }));
    const { alertId, card } = await anAlertWithASlackCard();

    const answer = await click(handler, 'acknowledge', { alertId });

    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(updatesOf(card)).toEqual([]);
    expect(followUpWarnings()).toEqual([
      expect.objectContaining({ alertId, platform: 'slack', error: expect.stringContaining(missing) }),
    ]);
    ssm.parameters.set(missing, slack.token);
    const next = await anAlertWithASlackCard();
    await click(handler, 'acknowledge', { alertId: next.alertId });
    expect(ssm.calls).toEqual([[missing], [missing]]);
    expect(updatesOf(next.card)).toHaveLength(1);
  });

  it('makes no Slack call and reads no Slack token without SLACK_BOT_TOKEN_PARAM (Teams only)', async () => {
    const handler = handlerFor(env({ SLACK_BOT_TOKEN_PARAM: undefined }));
    const { alertId, card } = await anAlertWithASlackCard();
    const callsBefore = slack.calls.length;

    const answer = await click(handler, 'acknowledge', { alertId });

    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(slack.calls.length).toBe(callsBefore);
    expect(updatesOf(card)).toEqual([]);
    expect(ssm.calls).toEqual([]);
    expect(connector.calls.map((c) => c.kind)).toContain('update');
  });

  it('fails at cold start naming SLACK_BOT_TOKEN_PARAM when it is not an SSM name', () => {
    expect(() => handlerFor(env({ SLACK_BOT_TOKEN_PARAM: 'bot-token' }))).toThrow(ConfigError);
    expect(() => handlerFor(env({ SLACK_BOT_TOKEN_PARAM: 'bot-token' }))).toThrow(
      /SLACK_BOT_TOKEN_PARAM: must be an SSM parameter name/,
    );
  });
});
