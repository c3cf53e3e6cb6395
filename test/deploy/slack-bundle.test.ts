import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConversationReferenceStore } from '../../src/adapters/dynamodb/teams-conversations';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { TeamsVerbs } from '../../src/notify/teams/actions';
import { TeamsPublisherEnvSchema } from '../../src/teams/config';
import { createTeamsCardPublisher } from '../../src/teams/publisher-setup';
import { aButtonClick, bob } from '../bot/support/payloads';
import {
  apiGatewayEvent,
  interactionBody,
  signatureHeaders,
  TEST_SIGNING_SECRET,
} from '../bot/support/signed-requests';
import { aFinding } from '../support/builders';
import { aTrail } from '../support/dynamo';
import { testWebClient } from '../support/slack-client';
import { attachmentOf } from '../teams/support/connector-server';
import { TEST_APP_ID, TEST_APP_PASSWORD, TEST_TENANT_ID } from '../teams/support/identity-server';
import { bundleForLambda, localAwsEnv, type StandIns, startStandIns } from './support/interactive-bundle';

/*
 * Bundles the Slack function's entry (src/bot/slack-handler.ts) with the Lambda bundles' esbuild options and
 * drives the bundle as Lambda would, configured by its environment only (as the template gives it with
 * teamsAppId set): a signed Acknowledge, the Slack secrets and the Teams client secret read from a local SSM,
 * the trail and the conversation references in dynalite, the Slack card updated through the fake Slack Web API
 * and the alert's Teams card through a local Bot Connector, with a token from a local Entra (the Teams
 * publisher the bundle loads on first use).
 */

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

const TOKEN_PARAM = '/eks-audit-bot/test/slack/bot-token';
const SIGNING_PARAM = '/eks-audit-bot/test/slack/signing-secret';
const TEAMS_PARAM = '/eks-audit-bot/test/teams/app-password';
const TEAMS_CONVERSATION = '19:alerts0slackbundle@thread.tacv2';
/** The files that put code in the bundle (esbuild also lists files it read and shook out). */
let inputs: string[];
let handler: Handler;
const savedEnv = { ...process.env };

let standIns: StandIns;
let bundle: Awaited<ReturnType<typeof bundleForLambda>>;

beforeAll(async () => {
  [bundle, standIns] = await Promise.all([
    bundleForLambda('src/bot/slack-handler.ts', 'eks-audit-slack-'),
    startStandIns({
      tableName: 'eks-audit-slack-bundle',
      slackUsers: [bob],
      parameters: (slackServer) => ({
        [TOKEN_PARAM]: slackServer.token,
        [SIGNING_PARAM]: TEST_SIGNING_SECRET,
        [TEAMS_PARAM]: TEST_APP_PASSWORD,
      }),
    }),
  ]);
  await new DynamoConversationReferenceStore({
    client: standIns.dynamo.client,
    tableName: standIns.dynamo.tableName,
  }).save({
    conversationId: TEAMS_CONVERSATION,
    serviceUrl: standIns.connector.serviceUrl,
    installedAt: '2026-11-01T09:00:00.000Z',
  });
  const output = Object.values(bundle.metafile.outputs)[0];
  inputs = Object.entries(output?.inputs ?? {}).flatMap(([file, { bytesInOutput }]) =>
    bytesInOutput > 0 ? [file] : [],
  );
  Object.assign(process.env, {
    TABLE_NAME: standIns.dynamo.tableName,
    SLACK_BOT_TOKEN_PARAM: TOKEN_PARAM,
    SLACK_SIGNING_SECRET_PARAM: SIGNING_PARAM,
    SLACK_API_URL: standIns.slack.apiUrl,
    TEAMS_APP_ID: TEST_APP_ID,
    TEAMS_TENANT_ID: TEST_TENANT_ID,
    TEAMS_APP_PASSWORD_PARAM: TEAMS_PARAM,
    TEAMS_LOGIN_ENDPOINT: standIns.identity.loginEndpoint,
    LOG_LEVEL: 'error',
    ...localAwsEnv(standIns),
  });
  handler = (createRequire(import.meta.url)(bundle.file) as { handler: Handler }).handler;
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  bundle?.remove();
  await standIns?.close();
});

describe('the Slack function’s Lambda bundle', () => {
  it('holds the Teams card publisher (loaded on first use) and of the Teams SDK only its cloud endpoints', () => {
    expect(inputs).toContain('src/teams/connector-publisher.ts');
    // Only the public cloud's endpoints, the Teams settings' defaults (src/teams/config.ts).
    expect(inputs.filter((file) => file.includes('node_modules/@microsoft/'))).toEqual([
      'node_modules/@microsoft/teams.api/dist/auth/cloud-environment.mjs',
    ]);
  });

  it('updates the alert’s Teams card after a signed Slack Acknowledge, with the client secret read from SSM then', async () => {
    const trail = aTrail(standIns.dynamo);
    const { alert } = await trail.createAlert(
      aFinding({ id: 'f-slack-bundle' }),
      new Date('2026-11-20T14:01:10Z'),
    );
    const card = await new SlackCardPublisher(testWebClient(standIns.slack)).post(alert, {
      channel: 'C0ALERTS',
    });
    await trail.recordMessage(alert.id, card);
    const teamsCard = await createTeamsCardPublisher({
      env: TeamsPublisherEnvSchema.parse({
        TEAMS_APP_ID: TEST_APP_ID,
        TEAMS_TENANT_ID: TEST_TENANT_ID,
        TEAMS_APP_PASSWORD_PARAM: TEAMS_PARAM,
        TEAMS_LOGIN_ENDPOINT: standIns.identity.loginEndpoint,
      }),
      appPassword: TEST_APP_PASSWORD,
      dynamo: standIns.dynamo.client,
      tableName: standIns.dynamo.tableName,
      clock: () => new Date('2026-11-20T14:01:10Z'),
    }).post(alert, { channel: TEAMS_CONVERSATION });
    await trail.recordMessage(alert.id, teamsCard);
    expect(standIns.ssm.calls.filter((names) => names.includes(TEAMS_PARAM))).toEqual([]);

    const body = interactionBody(
      aButtonClick({ actionId: SlackActionIds.acknowledge, alertId: alert.id, ts: card.messageId }),
    );
    const result = await handler(apiGatewayEvent(body, signatureHeaders(body)), {});

    expect(result.statusCode).toBe(200);
    expect((await trail.getAlert(alert.id))?.status).toBe('acknowledged');
    const [update] = standIns.slack.callsTo('chat.update');
    expect(update?.args).toMatchObject({ channel: 'C0ALERTS', ts: card.messageId });
    const teamsUpdate = standIns.connector.calls.find((call) => call.kind === 'update');
    expect(teamsUpdate).toMatchObject({
      conversationId: TEAMS_CONVERSATION,
      activityId: teamsCard.messageId,
    });
    const content = JSON.stringify(attachmentOf(teamsUpdate)?.content);
    expect(content).toContain('Acknowledged by bob, ');
    expect(content).not.toContain(TeamsVerbs.acknowledge);
    expect(standIns.ssm.calls.filter((names) => names.includes(TEAMS_PARAM))).toEqual([[TEAMS_PARAM]]);
  });
});
