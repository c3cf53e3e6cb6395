import { LambdaClient } from '@aws-sdk/client-lambda';
import { AwsLambdaReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAlertFacts } from '../../src/adapters/dynamodb/alert-facts';
import type { DynamoAuditTrail } from '../../src/adapters/dynamodb/audit-trail';
import { LambdaSelfInvokeDeferral } from '../../src/adapters/lambda/self-invoke-deferral';
import { postToResponseUrl } from '../../src/adapters/slack/response-url';
import { createSlackWebClient } from '../../src/adapters/slack/web-client';
import { createSlackApp } from '../../src/bot/app';
import { createDeferredCommandHandler } from '../../src/bot/eks-audit/deferred-event';
import { eksAuditLambdaServices, withDeferredCommands } from '../../src/bot/eks-audit/lambda-wiring';
import type { EksAuditServices } from '../../src/bot/eks-audit/run';
import { createSlackHttpApp } from '../../src/bot/http';
import { triagePolicyFromEnv } from '../../src/bot/policy-config';
import { buildSlackServices, type SlackAppServices } from '../../src/bot/services';
import type { AlertFactSource } from '../../src/report/ports';
import { aFinding, aResponse } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { type InvokeServer, startInvokeServer } from './support/lambda-invoke-server';
import { alice, bob } from './support/payloads';
import { recordingLog } from './support/recording-log';
import {
  apiGatewayEvent,
  type Signing,
  signatureHeaders,
  TEST_SIGNING_SECRET,
} from './support/signed-requests';
import { slashCommandBody } from './support/slash-commands';

/**
 * `/eks-audit` through the real Bolt app (`createSlackApp`, every listener registered), with correctly signed
 * requests: on `AwsLambdaReceiver` as deployed (API Gateway events), and on `HTTPReceiver` over real HTTP as
 * run locally. The trail is dynalite, Slack's Web API and `response_url` are the fake Slack server, Lambda's
 * Invoke API is a local stand-in that records the asynchronous invocation.
 */
const NOW = new Date('2026-11-21T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

let dynamo: TestDynamo;
let slack: SlackServer;
let invoke: InvokeServer;
let trail: DynamoAuditTrail;
let services: SlackAppServices & EksAuditServices;
const log = recordingLog();

beforeAll(async () => {
  [dynamo, slack, invoke] = await Promise.all([
    startTestDynamo({ tableName: 'eks-audit-command' }),
    startSlackServer({ channels: ['C0ALERTS'], users: [alice, bob] }),
    startInvokeServer(),
  ]);
  trail = aTrail(dynamo);
  // alice through IAM Identity Center (filed by e-mail), alice as an IAM user (filed by name), carol.
  const viaSso = aFinding({ id: 'f-c-sso', time: hoursAgo(30) });
  const viaIam = aFinding({
    id: 'f-c-iam',
    time: hoursAgo(20),
    summary: 'alice created rolebinding payments/admin on prod-eu',
    actor: { displayName: 'alice', email: undefined, sessionName: undefined, username: 'alice' },
  });
  const carol = aFinding({
    id: 'f-c-carol',
    time: hoursAgo(10),
    severity: 'critical',
    summary: 'carol@example.com bound cluster-admin on prod-eu',
    actor: { displayName: 'carol@example.com', email: 'carol@example.com', sessionName: undefined },
  });
  for (const f of [viaSso, viaIam, carol]) await trail.createAlert(f, new Date(Date.parse(f.time) + 2000));
  await trail.recordMessage('f-c-sso', {
    platform: 'slack',
    channel: 'C0ALERTS',
    messageId: '1763647201.000001',
  });
  await trail.recordRefusal(
    'f-c-carol',
    aResponse({
      action: 'refused',
      attempted: 'acknowledge',
      text: 'You made this change',
      at: hoursAgo(9),
      by: { platform: 'slack', userId: 'U0CAROL', name: 'carol' },
    }),
  );
  await trail.respond('f-c-carol', aResponse({ at: hoursAgo(8) }));
  const client = createSlackWebClient({
    token: slack.token,
    profile: 'interactive',
    slackApiUrl: slack.apiUrl,
  });
  const policy = triagePolicyFromEnv({ ACK_ALLOWED: [], ESCALATE_ALLOWED: [] });
  services = {
    ...buildSlackServices({ client, trail, policy, clock: () => NOW, log }),
    reportFacts: new DynamoAlertFacts({ client: dynamo.client, tableName: dynamo.tableName }),
  };
});
afterAll(async () => {
  await Promise.all([dynamo.close(), slack.close(), invoke.close()]);
});

/** The Slack function's Bolt app on the Lambda receiver, with `extra` services. */
function lambdaApp(extra: Partial<Pick<EksAuditServices, 'commandDeferral' | 'reportFacts'>> = {}) {
  const receiver = new AwsLambdaReceiver({ signingSecret: TEST_SIGNING_SECRET, logger: silentBolt });
  createSlackApp({
    receiver,
    token: slack.token,
    services: { ...services, ...extra },
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  const handler = receiver.toHandler();
  return async (text: string, options: { signing?: Signing; responseUrl?: string } = {}) => {
    const body = slashCommandBody(text, {
      user: bob,
      responseUrl: options.responseUrl ?? slack.responseUrl(text),
    });
    const response = await handler(
      apiGatewayEvent(body, signatureHeaders(body, options.signing ?? 'valid')),
      {},
    );
    return { statusCode: response.statusCode, reply: response.body ? JSON.parse(response.body) : undefined };
  };
}

const silentBolt = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => 'error' as never,
  setName: () => {},
};

const textOf = (reply: unknown) => JSON.stringify(reply);

describe('/eks-audit on the Lambda receiver', () => {
  it('answers help, privately, in the acknowledgement itself', async () => {
    const { statusCode, reply } = await lambdaApp()('help');
    expect(statusCode).toBe(200);
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(reply)).toContain('/eks-audit report [24h|7d|30d] [cluster]');
  });

  it('answers an unknown subcommand with the help text, saying what was not understood', async () => {
    const { reply } = await lambdaApp()('frobnicate now');
    expect(textOf(reply)).toContain('unknown subcommand \\"frobnicate\\"');
    expect(textOf(reply)).toContain('/eks-audit pending');
  });

  it('lists open alerts, oldest first, linking to their cards; public posts it in the channel', async () => {
    const { reply } = await lambdaApp()('pending');
    const text = textOf(reply);
    expect(reply.response_type).toBe('ephemeral');
    expect(text).toContain('Open alerts: 2');
    expect(text.indexOf('f-c-sso')).toBeLessThan(text.indexOf('f-c-iam'));
    expect(text).not.toContain('f-c-carol');
    expect(text).toContain('<https://eks-audit-test.slack.com/archives/C0ALERTS/p1763647201000001|');
    expect((await lambdaApp()('public pending')).reply.response_type).toBe('in_channel');
  });

  it('shows the whole trail of an alert, refused attempts included, or says there is no such alert', async () => {
    const { reply } = await lambdaApp()('show f-c-carol');
    const text = textOf(reply);
    expect(text).toContain('⛔ refused acknowledge by carol');
    expect(text).toContain('✅ acknowledged by bob');
    expect(text).toContain('You made this change');
    expect(textOf((await lambdaApp()('show f-nope')).reply)).toContain('No alert `f-nope`');
  });

  it("finds a person by name and by e-mail: `alice` also finds alice@<the asker's domain>", async () => {
    const { reply } = await lambdaApp()('user alice');
    const text = textOf(reply);
    expect(text).toContain('f-c-sso');
    expect(text).toContain('f-c-iam');
    expect(text).toContain('Looked up as `alice` (1), `alice@example.com` (1)');
    expect(slack.callsTo('users.info').some((c) => c.args.user === 'U0BOB')).toBe(true);
  });

  it.each(['forged', 'unsigned', 'expired'] as const)(
    'refuses a %s request before any listener runs',
    async (signing) => {
      const before = log.records.length;
      const { statusCode } = await lambdaApp()('pending', { signing });
      expect(statusCode).toBe(401);
      expect(log.records.slice(before).some((r) => r.message === 'eks-audit command')).toBe(false);
    },
  );

  it('acknowledges report at once and hands it to an asynchronous invocation, which answers on response_url', async () => {
    const deferral = new LambdaSelfInvokeDeferral(invoke.client, 'eks-audit-bot-test-slack');
    const responseUrl = slack.responseUrl('report-deferred');
    const before = slack.callsTo('response_url').length;
    const { statusCode, reply } = await lambdaApp({ commandDeferral: deferral })('report 30d', {
      responseUrl,
    });
    expect(statusCode).toBe(200);
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: 'Working on it…' });
    // Handed over, not answered: the invocation is queued and nothing was posted yet.
    expect(invoke.invocations).toHaveLength(1);
    expect(invoke.invocations[0]).toMatchObject({
      functionName: 'eks-audit-bot-test-slack',
      invocationType: 'Event',
      payload: {
        eksAuditDeferredCommand: {
          text: 'report 30d',
          userId: 'U0BOB',
          teamDomain: 'eks-audit-test',
          responseUrl,
        },
      },
    });
    expect(slack.callsTo('response_url')).toHaveLength(before);

    // The asynchronous invocation, as the Slack function's handler runs it.
    const runDeferred = createDeferredCommandHandler(services, postToResponseUrl);
    expect(await runDeferred(invoke.invocations[0]?.payload)).toEqual({ answered: true });
    const answer = slack.callsTo('response_url').at(-1);
    expect(slack.callsTo('response_url')).toHaveLength(before + 1);
    const report = textOf(answer?.args);
    expect(answer?.args.response_type).toBe('ephemeral');
    expect(report).toContain('last 30 days (all clusters)');
    expect(report).toContain('3 alerts');
    expect(report).toContain('33% responded to (1 of 3)');
  });

  it('answers report in the same invocation when no deferral is set up (late, but answered)', async () => {
    const responseUrl = slack.responseUrl('report-inline');
    const before = slack.callsTo('response_url').length;
    const { reply } = await lambdaApp()('report 7d prod-eu public', { responseUrl });
    expect(reply.text).toBe('Working on it…');
    const posted = slack.callsTo('response_url').slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.args.response_type).toBe('in_channel');
    expect(textOf(posted[0]?.args)).toContain('last 7 days (cluster prod-eu)');
  });

  it('drops a malformed deferred event with a log line, and retries (throws) when response_url fails', async () => {
    const runDeferred = createDeferredCommandHandler(services, postToResponseUrl);
    expect(await runDeferred({ eksAuditDeferredCommand: { text: 'report' } })).toEqual({ answered: false });
    slack.failNext('response_url', 1, { kind: 'http', status: 503 });
    const job = { text: 'report 24h', userId: 'U0BOB', responseUrl: slack.responseUrl('report-retry') };
    await expect(runDeferred({ eksAuditDeferredCommand: job })).rejects.toMatchObject({ retryable: true });
    expect(await runDeferred({ eksAuditDeferredCommand: job })).toEqual({ answered: true });
  });
});

describe('/eks-audit wiring on Lambda', () => {
  it('routes the asynchronous invocation to the deferred command, and requests to the receiver', async () => {
    const extra = eksAuditLambdaServices({
      dynamo: dynamo.client,
      tableName: dynamo.tableName,
      functionName: 'eks-audit-bot-test-slack',
      lambda: invoke.client,
      log,
    });
    expect(extra.commandDeferral?.name).toBe('lambda-self-invoke');
    const wired = { ...services, ...extra };
    const receiver = new AwsLambdaReceiver({ signingSecret: TEST_SIGNING_SECRET, logger: silentBolt });
    createSlackApp({
      receiver,
      token: slack.token,
      services: wired,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    const handler = withDeferredCommands(receiver.toHandler(), wired);
    const responseUrl = slack.responseUrl('report-wired');
    const body = slashCommandBody('report 24h', { user: bob, responseUrl });
    const invoked = invoke.invocations.length;
    const ack = await handler(apiGatewayEvent(body, signatureHeaders(body)), {});
    expect(ack).toMatchObject({ statusCode: 200 });
    expect(invoke.invocations).toHaveLength(invoked + 1);
    const before = slack.callsTo('response_url').length;
    expect(await handler(invoke.invocations.at(-1)?.payload as never, {})).toEqual({ answered: true });
    expect(slack.callsTo('response_url')).toHaveLength(before + 1);
    expect(textOf(slack.callsTo('response_url').at(-1)?.args)).toContain('last 24 hours');
  });

  it('answers report in the same invocation when the hand-over is refused, and logs why', async () => {
    // A Lambda endpoint nobody listens on: the invocation fails as a missing permission would.
    const unreachable = new LambdaClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const extra = eksAuditLambdaServices({
      dynamo: dynamo.client,
      tableName: dynamo.tableName,
      functionName: 'eks-audit-bot-test-slack',
      lambda: unreachable,
      log,
    });
    const responseUrl = slack.responseUrl('report-fallback');
    const before = slack.callsTo('response_url').length;
    const { reply } = await lambdaApp(extra)('report 24h', { responseUrl });
    expect(reply.text).toBe('Working on it…');
    expect(slack.callsTo('response_url')).toHaveLength(before + 1);
    expect(
      log.records.some(
        (r) => r.message === 'eks-audit command not handed over; answering in this invocation',
      ),
    ).toBe(true);
    expect(
      eksAuditLambdaServices({ dynamo: dynamo.client, tableName: 't', log }).commandDeferral,
    ).toBeUndefined();
  });
});

describe('/eks-audit over plain HTTP (a long-lived server)', () => {
  it('acknowledges report before the report is computed, then answers on response_url', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The real slim reader, held back until the test has the acknowledgement in hand: the acknowledgement
    // cannot be waiting for the report.
    const heldBack: AlertFactSource = {
      listFacts: async (query) => {
        await gate;
        return services.reportFacts?.listFacts(query) ?? { facts: [], skipped: 0 };
      },
    };
    const withHeldBack: SlackAppServices & EksAuditServices = { ...services, reportFacts: heldBack };
    const { receiver } = createSlackHttpApp({
      signingSecret: TEST_SIGNING_SECRET,
      token: slack.token,
      services: withHeldBack,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    const server = await receiver.start({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.address() as { port: number };
      const responseUrl = slack.responseUrl('report-http');
      const body = slashCommandBody('report 30d', { user: bob, responseUrl });
      const before = slack.callsTo('response_url').length;
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ text: 'Working on it…' });
      expect(slack.callsTo('response_url').length).toBe(before);
      release();
      await expect.poll(() => slack.callsTo('response_url').length, { timeout: 5000 }).toBe(before + 1);
      expect(textOf(slack.callsTo('response_url').at(-1)?.args)).toContain('last 30 days');
    } finally {
      server.closeAllConnections();
      await receiver.stop();
    }
  });
});
