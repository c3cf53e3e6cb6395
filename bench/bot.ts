/**
 * Slack click benchmark (issue 4): how long the Slack function takes to answer a button click, from the signed
 * API Gateway event entering `AwsLambdaReceiver`'s handler to the handler's resolved response, which on
 * Lambda is when API Gateway answers Slack (Slack's limit: 3 s). Everything a click does is inside: signature
 * check, Bolt, payload parsing, the alert read and the conditional write in DynamoDB (dynalite, in this
 * process), the Slack user lookup (first click per person; cached after), `chat.update` of the card and any
 * ephemeral reply (a local fake Slack Web API).
 *
 * Prints:
 *   - module load of the Slack function's code (`src/bot/lambda`, under tsx, unbundled; the Lambda bundle's
 *     load time is bench/bundles.ts's);
 *   - the first click after the handler is constructed (cold: Bolt built, secrets read, nothing cached, no JIT);
 *   - p50 / p90 / p99 / max of N warm Acknowledge clicks on distinct alerts (target: p99 < 300 ms), and of
 *     Justify and Escalate modal submissions (escalations also post to the escalation channel and publish to
 *     the escalation SNS topic, a local server);
 *   - twenty simultaneous clicks on one alert (one process serves them all here; on Lambda each would have
 *     its own instance).
 *
 *   npx tsx bench/bot.ts [clicks=300]
 */
import { performance } from 'node:perf_hooks';

const N = Number(process.argv[2] ?? 300);

const started = performance.now();
await import('../src/bot/lambda');
const moduleLoadMs = performance.now() - started;

const { startBotHarness } = await import('../test/bot/support/harness');
const { aButtonClick, aViewSubmission } = await import('../test/bot/support/payloads');
const { aFinding } = await import('../test/support/builders');
const { modalMetadata, SlackViewIds } = await import('../src/bot/modals');
const { SlackActionIds } = await import('../src/notify/slack/action-ids');

const users = Array.from({ length: 40 }, (_, i) => ({
  id: `U0BENCH${i}`,
  name: `user${i}`,
  email: `user${i}@example.com`,
}));
const bot = await startBotHarness({ users });

function percentiles(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
  return `${label.padEnd(36)} n=${String(sorted.length).padEnd(4)} p50 ${f(at(0.5))}  p90 ${f(at(0.9))}  p99 ${f(at(0.99))}  max ${f(at(1))}`;
}

async function timed(run: () => Promise<{ statusCode: number }>): Promise<number> {
  const t0 = performance.now();
  const response = await run();
  const elapsed = performance.now() - t0;
  if (response.statusCode !== 200) throw new Error(`unexpected status ${response.statusCode}`);
  return elapsed;
}

const seed = async (prefix: string, count: number) => {
  const alerts = [];
  for (let i = 0; i < count; i++) alerts.push(await bot.postAlert(aFinding({ id: `f-${prefix}-${i}` })));
  return alerts;
};

// Cold: the first click the constructed handler serves (its build, Bolt's first event, a first users.info).
const [coldAlert] = await seed('cold', 1);
if (!coldAlert) throw new Error('no alert');
const cold = await timed(() =>
  bot.post(
    aButtonClick({
      actionId: SlackActionIds.acknowledge,
      alertId: coldAlert.alert.id,
      ts: coldAlert.card.messageId,
    }),
  ),
);

const acks = await seed('ack', N);
const ackTimes: number[] = [];
for (const [i, { alert, card }] of acks.entries()) {
  const user = users[i % users.length];
  ackTimes.push(
    await timed(() =>
      bot.post(
        aButtonClick({ actionId: SlackActionIds.acknowledge, alertId: alert.id, user, ts: card.messageId }),
      ),
    ),
  );
}

const submit = (callbackId: string, alertId: string, ts: string, values: Record<string, string>, i: number) =>
  bot.post(
    aViewSubmission({
      callbackId,
      privateMetadata: modalMetadata({
        alertId,
        origin: { platform: 'slack', channel: 'C0ALERTS', messageId: ts },
      }),
      values,
      user: users[i % users.length],
    }),
  );
const modalCount = Math.max(20, Math.floor(N / 3));
const justifyTimes: number[] = [];
for (const [i, { alert, card }] of (await seed('justify', modalCount)).entries()) {
  const values = { reason: 'rotating a leaked key', ticket: 'https://jira.example.com/browse/OPS-1' };
  justifyTimes.push(
    await timed(() => submit(SlackViewIds.justifyModal, alert.id, card.messageId, values, i)),
  );
}
const escalateTimes: number[] = [];
for (const [i, { alert, card }] of (await seed('escalate', modalCount)).entries()) {
  escalateTimes.push(
    await timed(() =>
      submit(SlackViewIds.escalateModal, alert.id, card.messageId, { reason: 'not planned' }, i),
    ),
  );
}

const [crowdAlert] = await seed('crowd', 1);
if (!crowdAlert) throw new Error('no alert');
const crowdStart = performance.now();
const crowd = await Promise.all(
  users.slice(0, 20).map(async (user) => {
    await bot.post(
      aButtonClick({
        actionId: SlackActionIds.acknowledge,
        alertId: crowdAlert.alert.id,
        user,
        ts: crowdAlert.card.messageId,
      }),
    );
    return performance.now() - crowdStart;
  }),
);
const acknowledged = (await bot.trail.getAlert(crowdAlert.alert.id))?.responses.filter(
  (r) => r.action === 'acknowledge',
).length;
await bot.close();

const p99 = [...ackTimes].sort((a, b) => a - b)[Math.ceil(0.99 * ackTimes.length) - 1] ?? Number.NaN;
console.log(`node ${process.version}; dynalite, fake Slack Web API and local SNS in this process`);
console.log(`module load of src/bot/lambda (tsx, unbundled)  ${moduleLoadMs.toFixed(0)} ms`);
console.log(
  `first click after constructing the handler      ${cold.toFixed(1)} ms (cold: build, first lookup, no JIT)`,
);
console.log(percentiles('Acknowledge click (warm)', ackTimes));
console.log(percentiles('Justify modal submission', justifyTimes));
console.log(percentiles('Escalate submission (+channel, SNS)', escalateTimes));
console.log(
  `20 simultaneous clicks on one alert: last answered after ${Math.max(...crowd).toFixed(0)} ms; ${acknowledged} acknowledgement recorded`,
);
console.log(`target: Acknowledge p99 < 300 ms: ${p99 < 300 ? 'ok' : 'OVER'} (${p99.toFixed(1)} ms)`);
