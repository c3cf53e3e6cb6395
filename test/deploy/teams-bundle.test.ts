import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import type { HttpApiEvent } from '../../src/teams/lambda-adapter';
import { aFinding } from '../support/builders';
import { aTrail } from '../support/dynamo';
import { testWebClient } from '../support/slack-client';
import { aCommand, anHttpApiEvent, anInstallation, anInvoke, bob } from '../teams/support/activities';
import { attachmentOf } from '../teams/support/connector-server';
import {
  channelClaims,
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
  standIns.connector.members.set(bob.id, bob);
  inputs = Object.keys(bundle.metafile.inputs);
  bundleBytes = Object.values(bundle.metafile.outputs)[0]?.bytes ?? 0;
  Object.assign(process.env, {
    TEAMS_APP_ID: TEST_APP_ID,
    TEAMS_TENANT_ID: TEST_TENANT_ID,
    TEAMS_APP_PASSWORD_PARAM: PASSWORD_PARAM,
    TEAMS_OPENID_METADATA_URL: standIns.identity.openIdMetadataUrl,
    TEAMS_LOGIN_ENDPOINT: standIns.identity.loginEndpoint,
    TEAMS_SERVICE_URL: standIns.connector.serviceUrl,
    TABLE_NAME: standIns.dynamo.tableName,
    SLACK_BOT_TOKEN_PARAM: SLACK_TOKEN_PARAM,
    SLACK_API_URL: standIns.slack.apiUrl,
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
  standIns.connector.calls.length = 0;
});

const signed = () => standIns.identity.sign(channelClaims({ serviceUrl: standIns.connector.serviceUrl }));

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
    const result = await handler(anHttpApiEvent(anInstallation(standIns.connector.serviceUrl), signed()));
    expect(result.statusCode).toBe(200);
    expect(standIns.connector.calls).toHaveLength(1);
    expect(standIns.connector.calls[0]).toMatchObject({ kind: 'create' });
    // The secret came from SSM, once.
    expect(standIns.ssm.calls).toEqual([[PASSWORD_PARAM]]);
  });

  it('answers a command with a card', async () => {
    const result = await handler(
      anHttpApiEvent(aCommand({ serviceUrl: standIns.connector.serviceUrl, text: 'pending' }), signed()),
    );
    expect(result.statusCode).toBe(200);
    expect(attachmentOf(standIns.connector.calls[0])?.contentType).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
  });

  /** A signed Acknowledge click on the alert's Teams card, through the bundled handler. */
  const acknowledgeInTeams = (alertId: string) =>
    handler(
      anHttpApiEvent(
        anInvoke({ serviceUrl: standIns.connector.serviceUrl, verb: 'acknowledge', data: { alertId } }),
        signed(),
      ),
    );

  it('records a signed Acknowledge click in the trail and replaces the card', async () => {
    const finding = aFinding({ id: 'f-teams-bundle' });
    await aTrail(standIns.dynamo).createAlert(finding, new Date('2026-11-20T14:01:10Z'));
    const result = await acknowledgeInTeams(finding.id);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    expect((await aTrail(standIns.dynamo).getAlert(finding.id))?.status).toBe('acknowledged');
    expect(standIns.connector.calls.map((c) => c.kind)).toContain('update');
  });

  it('updates the alert’s Slack card after a Teams click, with the bot token read from SSM then', async () => {
    const finding = aFinding({ id: 'f-teams-bundle-slack' });
    const { alert } = await aTrail(standIns.dynamo).createAlert(finding, new Date('2026-11-20T14:01:10Z'));
    const card = await new SlackCardPublisher(testWebClient(standIns.slack)).post(alert, {
      channel: 'C0ALERTS',
    });
    await aTrail(standIns.dynamo).recordMessage(alert.id, card);
    const result = await acknowledgeInTeams(finding.id);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    const [update] = standIns.slack.callsTo('chat.update');
    expect(update?.args).toMatchObject({ channel: 'C0ALERTS', ts: card.messageId });
    expect(JSON.stringify(update?.args.blocks)).toContain('Acknowledged by Bob Builder');
    expect(standIns.ssm.calls).toContainEqual([SLACK_TOKEN_PARAM]);
  });

  it('still rejects an unsigned request and a token for another bot', async () => {
    const click = anInvoke({
      serviceUrl: standIns.connector.serviceUrl,
      verb: 'refresh',
      data: { alertId: 'f-x' },
    });
    expect((await handler(anHttpApiEvent(click))).statusCode).toBe(401);
    const otherBot = standIns.identity.sign(
      channelClaims({
        serviceUrl: standIns.connector.serviceUrl,
        overrides: { aud: '00000000-0000-4000-8000-0000000000ff' },
      }),
    );
    expect((await handler(anHttpApiEvent(click, otherBot))).statusCode).toBe(401);
  });
});
