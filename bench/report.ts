/**
 * `/eks-audit report 30d` over N stored alerts (default 100,000): `npx tsx bench/report.ts [N] [--full]`.
 *
 * dynalite runs in a child process with its data in bench/out/report-dynalite/ (the first run loads N items
 * with BatchWriteItem and prints how long that took; later runs reuse them). Prints, as medians of 3 runs:
 *   1. the command through the real Bolt app on AwsLambdaReceiver: the time to Slack's acknowledgement (the
 *      3-second limit), and the deferred invocation's time to the answer posted on response_url;
 *   2. its parts: reading the facts from the slim `reportByTime` index (8 parallel day Queries, and 1),
 *      aggregating (`buildReport`), rendering;
 *   3. the same read answered from memory (a replay of dynalite's responses): the Lambda's own share, without
 *      dynalite's query engine, which is much slower than DynamoDB's;
 *   4. the slim read against reading full alerts (`trailAlertFacts`): on 24 hours, or on 30 days with --full.
 */
import { AwsLambdaReceiver } from '@slack/bolt';
import { DynamoAlertFacts } from '../src/adapters/dynamodb/alert-facts';
import { DynamoAuditTrail } from '../src/adapters/dynamodb/audit-trail';
import { LambdaSelfInvokeDeferral } from '../src/adapters/lambda/self-invoke-deferral';
import { postToResponseUrl } from '../src/adapters/slack/response-url';
import { createSlackWebClient } from '../src/adapters/slack/web-client';
import { createSlackApp } from '../src/bot/app';
import { createDeferredCommandHandler } from '../src/bot/eks-audit/deferred-event';
import { triagePolicyFromEnv } from '../src/bot/policy-config';
import { buildSlackServices } from '../src/bot/services';
import { renderEksAuditAnswer } from '../src/notify/slack/report/render-answer';
import { buildReport } from '../src/report/activity-report';
import type { AlertFactSource } from '../src/report/ports';
import { trailAlertFacts } from '../src/report/trail-facts';
import { windowRange } from '../src/report/window';
import { silentLogger } from '../src/shared/logger';
import { startInvokeServer } from '../test/bot/support/lambda-invoke-server';
import { bob } from '../test/bot/support/payloads';
import { apiGatewayEvent, signatureHeaders, TEST_SIGNING_SECRET } from '../test/bot/support/signed-requests';
import { slashCommandBody } from '../test/bot/support/slash-commands';
import { startSlackServer } from '../test/support/slack-server';
import { loadItems, startDynaliteChild, TABLE } from './report-data';
import { recordingProxy, replayServer } from './report-replay';

const COUNT = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100_000);
const FULL = process.argv.includes('--full');
const NOW = new Date('2026-11-21T12:00:00.000Z');
const DIR = new URL(`./out/report-dynalite-${COUNT}/`, import.meta.url).pathname;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`;
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}
async function medianOf<T>(runs: number, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await timed(run));
  return { value: results[0]?.value as T, ms: median(results.map((r) => r.ms)) };
}
const line = (label: string, value: string) => console.log(`${label.padEnd(64)}${value}`);

const dynamo = await startDynaliteChild(DIR);
const loadSeconds = await loadItems(dynamo.client, DIR, COUNT, NOW);
const [slack, invoke] = await Promise.all([
  startSlackServer({ channels: ['C0ALERTS'], users: [bob] }),
  startInvokeServer(),
]);
try {
  console.log(
    `\n/eks-audit report 30d over ${COUNT.toLocaleString('en-US')} alerts (Node ${process.version})`,
  );
  line(
    'load (BatchWriteItem x25, 6 in flight, into dynalite)',
    loadSeconds === undefined ? 'reused from bench/out' : `${loadSeconds.toFixed(1)} s`,
  );

  const trail = new DynamoAuditTrail({ client: dynamo.client, tableName: TABLE });
  const facts = new DynamoAlertFacts({ client: dynamo.client, tableName: TABLE });
  const client = createSlackWebClient({
    token: slack.token,
    profile: 'interactive',
    slackApiUrl: slack.apiUrl,
  });
  const policy = triagePolicyFromEnv({ ACK_ALLOWED: [], ESCALATE_ALLOWED: [] });
  const services = {
    ...buildSlackServices({ client, trail, policy, clock: () => NOW, log: silentLogger }),
    reportFacts: facts,
  };

  // 1. Through the Slack function: acknowledgement, then the deferred invocation.
  const receiver = new AwsLambdaReceiver({ signingSecret: TEST_SIGNING_SECRET });
  const commandDeferral = new LambdaSelfInvokeDeferral(invoke.client, 'eks-audit-bot-bench-slack');
  const withDeferral = { ...services, commandDeferral };
  createSlackApp({ receiver, token: slack.token, services: withDeferral });
  const handler = receiver.toHandler();
  const runDeferred = createDeferredCommandHandler(services, postToResponseUrl);
  const ack = await medianOf(3, async () => {
    const body = slashCommandBody('report 30d', { user: bob, responseUrl: slack.responseUrl('bench') });
    const response = await handler(apiGatewayEvent(body, signatureHeaders(body)), {});
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  });
  line('1. acknowledgement to Slack (Lambda receiver, self-invoke hand-over)', ms(ack.ms));
  const deferred = await medianOf(3, () => runDeferred(invoke.invocations.at(-1)?.payload));
  line('   deferred invocation: report read, built, rendered, posted to response_url', ms(deferred.ms));
  const posted = slack.callsTo('response_url').at(-1)?.args;
  if (!JSON.stringify(posted).includes(COUNT.toLocaleString('en-US')))
    throw new Error('the report does not count every alert');

  // 2. The parts.
  const range = windowRange('30d', NOW);
  const read = await medianOf(3, () => facts.listFacts(range));
  line(`2. read facts, slim index, 8 day-Queries in flight (${read.value.facts.length} facts)`, ms(read.ms));
  const serial = new DynamoAlertFacts({ client: dynamo.client, tableName: TABLE, concurrency: 1 });
  line(
    '   read facts, slim index, one Query at a time',
    ms((await medianOf(3, () => serial.listFacts(range))).ms),
  );
  const built = await medianOf(3, async () => buildReport(read.value.facts, { window: '30d', now: NOW }));
  line('   aggregate (buildReport)', ms(built.ms));
  const rendered = await medianOf(3, async () =>
    renderEksAuditAnswer({ kind: 'report', report: built.value }, { public: false }),
  );
  line('   render (Block Kit)', ms(rendered.ms));

  // 3. The Lambda's own share: the same responses, replayed from memory.
  const recorded = new Map<string, Buffer>();
  const proxy = await recordingProxy(new URL(dynamo.endpoint), recorded);
  await new DynamoAlertFacts({ client: proxy.client, tableName: TABLE }).listFacts(range);
  await proxy.close();
  const bytes = [...recorded.values()].reduce((total, b) => total + b.length, 0);
  const replay = await replayServer(recorded);
  const replayed = await medianOf(3, () =>
    new DynamoAlertFacts({ client: replay.client, tableName: TABLE }).listFacts(range),
  );
  await replay.close();
  line(
    `3. read facts from a replay (${recorded.size} Query pages, ${(bytes / 1e6).toFixed(1)} MB of JSON)`,
    ms(replayed.ms),
  );
  line('   Lambda-side total: replayed read + aggregate + render', ms(replayed.ms + built.ms + rendered.ms));

  // 4. Slim index against full alerts.
  const compare = FULL ? range : windowRange('24h', NOW);
  const label = FULL ? '30 days' : '24 hours';
  const full: AlertFactSource = trailAlertFacts(trail);
  const slimRun = await medianOf(3, () => facts.listFacts(compare));
  const fullRun = await medianOf(FULL ? 1 : 3, () => full.listFacts(compare));
  line(`4. ${label}: slim index (${slimRun.value.facts.length} facts)`, ms(slimRun.ms));
  line(`   ${label}: full alerts through listByTimeRange (${fullRun.value.facts.length})`, ms(fullRun.ms));
} finally {
  await Promise.all([slack.close(), invoke.close()]);
  dynamo.stop();
}
