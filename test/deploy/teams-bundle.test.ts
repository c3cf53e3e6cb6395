import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import type { HttpApiEvent } from '../../src/teams/lambda-adapter';
import type { SsmServer } from '../bot/support/ssm-server';
import { aFinding } from '../support/builders';
import { aTrail, type TestDynamo } from '../support/dynamo';
import { testWebClient } from '../support/slack-client';
import type { SlackServer } from '../support/slack-server';
import { aCommand, anHttpApiEvent, anInstallation, anInvoke, bob } from '../teams/support/activities';
import { attachmentOf, type ConnectorServer } from '../teams/support/connector-server';
import {
  channelClaims,
  type IdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from '../teams/support/identity-server';
import { bundleForLambda, localAwsEnv, type StandIns, startStandIns } from './support/interactive-bundle';

/*
 * Bundles the Teams function's entry (src/teams/handler.ts) with the Lambda bundles' esbuild options, which
 * leave out the SDK's Express server and axios's multipart support and keep one build of axios, and drives the bundle as Lambda would:
 * configured by its environment only, reading its secret from SSM and its trail from DynamoDB (local stand-ins
 * for both), answering signed requests, calling a local Bot Connector through the SDK's own HTTP client, and
 * the fake Slack Web API for the alert's Slack cards (the Slack client the bundle loads on first use).
 */

type Handler = (event: HttpApiEvent) => Promise<{ statusCode: number; body: string }>;

const PASSWORD_PARAM = '/eks-audit-bot/test/teams/app-password';
const SLACK_TOKEN_PARAM = '/eks-audit-bot/test/slack/bot-token';
let inputs: string[];
let bundleBytes: number;
let identity: IdentityServer;
let connector: ConnectorServer;
let dynamo: TestDynamo;
let ssm: SsmServer;
let slack: SlackServer;
let handler: Handler;
const savedEnv = { ...process.env };

let standIns: StandIns;
let bundle: Awaited<ReturnType<typeof bundleForLambda>>;

beforeAll(async () => {
  [bundle, standIns] = await Promise.all([
    bundleForLambda('src/teams/handler.ts', 'eks-audit-teams-'),
    startStandIns({
      tableName: 'eks-audit-teams-bundle',
      parameters: (slackServer) => ({
        [PASSWORD_PARAM]: TEST_APP_PASSWORD,
        [SLACK_TOKEN_PARAM]: slackServer.token,
      }),
    }),
  ]);
  ({ identity, connector, dynamo, slack, ssm } = standIns);
  connector.members.set(bob.id, bob);
  inputs = Object.keys(bundle.metafile.inputs);
  bundleBytes = Object.values(bundle.metafile.outputs)[0]?.bytes ?? 0;
  Object.assign(process.env, {
    TEAMS_APP_ID: TEST_APP_ID,
    TEAMS_TENANT_ID: TEST_TENANT_ID,
    TEAMS_APP_PASSWORD_PARAM: PASSWORD_PARAM,
    TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
    TEAMS_SERVICE_URL: connector.serviceUrl,
    TABLE_NAME: dynamo.tableName,
    SLACK_BOT_TOKEN_PARAM: SLACK_TOKEN_PARAM,
    SLACK_API_URL: slack.apiUrl,
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
beforeEach(() => {
  connector.calls.length = 0;
});

const signed = () => identity.sign(channelClaims({ serviceUrl: connector.serviceUrl }));

describe('the Teams function’s Lambda bundle', () => {
  it('leaves out Express (with iconv-lite), form-data and semver, and holds one build of axios, OpenTelemetry and teams.common', () => {
    console.log(`Teams bundle: ${(bundleBytes / 1024).toFixed(0)} KB minified`);
    const packages = inputs.filter((file) =>
      /node_modules\/(express|body-parser|iconv-lite|form-data|semver)\//.test(file),
    );
    expect(packages).toEqual([]);
    expect(inputs.some((file) => file.includes('node_modules/@microsoft/teams.apps/'))).toBe(true);
    expect(inputs.filter((file) => /^node_modules\/axios\/(lib|dist)\//.test(file))).toEqual([
      'node_modules/axios/dist/node/axios.cjs',
    ]);
    // Nor an ESM and a CommonJS copy of OpenTelemetry's API or of the SDK's common package.
    const esmCopies = inputs.filter((file) =>
      /^node_modules\/(@opentelemetry\/api|@microsoft\/teams\.common)\/.*\.mjs$/.test(file),
    );
    expect(esmCopies).toEqual([]);
    expect(inputs).toContain('node_modules/@opentelemetry/api/dist/index.cjs');
    expect(bundleBytes).toBeLessThan(1600 * 1024);
  });

  it('loads without making Node.js load its fetch implementation (axios’s load-time probes are removed)', () => {
    // Exits right after loading: the servers the bundle would call live in this (then blocked) process.
    const script = `require(${JSON.stringify(bundle.file)});console.log(JSON.stringify(process.moduleLoadList));process.exit(0)`;
    const child = spawnSync(process.execPath, ['-e', script], {
      env: process.env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const loaded = JSON.parse(child.stdout) as string[];
    expect(loaded).toContain('NativeModule https');
    expect(loaded.filter((name) => name.includes('undici'))).toEqual([]);
  });

  it('says hello on installation through the SDK’s HTTP client, with a token from Entra', async () => {
    const result = await handler(anHttpApiEvent(anInstallation(connector.serviceUrl), signed()));
    expect(result.statusCode).toBe(200);
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]).toMatchObject({ kind: 'create' });
    // The secret came from SSM, once.
    expect(ssm.calls).toEqual([[PASSWORD_PARAM]]);
  });

  it('answers a command with a card', async () => {
    const result = await handler(
      anHttpApiEvent(aCommand({ serviceUrl: connector.serviceUrl, text: 'pending' }), signed()),
    );
    expect(result.statusCode).toBe(200);
    expect(attachmentOf(connector.calls[0])?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('records a signed Acknowledge click in the trail and replaces the card', async () => {
    const finding = aFinding({ id: 'f-teams-bundle' });
    await aTrail(dynamo).createAlert(finding, new Date('2026-11-20T14:01:10Z'));
    const click = anInvoke({
      serviceUrl: connector.serviceUrl,
      verb: 'acknowledge',
      data: { alertId: finding.id },
    });

    const result = await handler(anHttpApiEvent(click, signed()));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    expect((await aTrail(dynamo).getAlert(finding.id))?.status).toBe('acknowledged');
    expect(connector.calls.map((c) => c.kind)).toContain('update');
  });

  it('updates the alert’s Slack card after a Teams click, with the bot token read from SSM then', async () => {
    const finding = aFinding({ id: 'f-teams-bundle-slack' });
    const { alert } = await aTrail(dynamo).createAlert(finding, new Date('2026-11-20T14:01:10Z'));
    const card = await new SlackCardPublisher(testWebClient(slack)).post(alert, { channel: 'C0ALERTS' });
    await aTrail(dynamo).recordMessage(alert.id, card);
    const click = anInvoke({
      serviceUrl: connector.serviceUrl,
      verb: 'acknowledge',
      data: { alertId: finding.id },
    });

    const result = await handler(anHttpApiEvent(click, signed()));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    const [update] = slack.callsTo('chat.update');
    expect(update?.args).toMatchObject({ channel: 'C0ALERTS', ts: card.messageId });
    expect(JSON.stringify(update?.args.blocks)).toContain('Acknowledged by Bob Builder');
    expect(ssm.calls).toContainEqual([SLACK_TOKEN_PARAM]);
  });

  it('still rejects an unsigned request and a token for another bot', async () => {
    const click = anInvoke({ serviceUrl: connector.serviceUrl, verb: 'refresh', data: { alertId: 'f-x' } });
    expect((await handler(anHttpApiEvent(click))).statusCode).toBe(401);
    const otherBot = identity.sign(
      channelClaims({
        serviceUrl: connector.serviceUrl,
        overrides: { aud: '00000000-0000-4000-8000-0000000000ff' },
      }),
    );
    expect((await handler(anHttpApiEvent(click, otherBot))).statusCode).toBe(401);
  });
});
