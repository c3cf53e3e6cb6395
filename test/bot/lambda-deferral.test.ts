import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFinding, aResponse } from '../support/builders';
import { type BotHarness, startBotHarness } from './support/harness';
import { type InvokeServer, startInvokeServer } from './support/lambda-invoke-server';
import { bob } from './support/payloads';
import { apiGatewayEvent, signatureHeaders } from './support/signed-requests';
import { slashCommandBody } from './support/slash-commands';

/**
 * `/eks-audit report` on the Slack function as deployed (`createSlackLambdaHandler`, every adapter real): the
 * signed API Gateway request is acknowledged at once and handed to an asynchronous invocation of the function
 * itself, through the real `LambdaClient` against a local server speaking Lambda's Invoke API; the test then
 * plays Lambda's part and hands the recorded payload back to the same handler, which posts the report to
 * `response_url` (the fake Slack server records it). DynamoDB is dynalite.
 */
const FUNCTION_NAME = 'eks-audit-bot-test-slack';

let invoke: InvokeServer;
let bot: BotHarness;

beforeAll(async () => {
  invoke = await startInvokeServer();
  bot = await startBotHarness({
    env: { AWS_LAMBDA_FUNCTION_NAME: FUNCTION_NAME },
    lambda: invoke.client,
  });
  const { alert } = await bot.postAlert(aFinding({ id: 'f-defer-1' }));
  await bot.postAlert(aFinding({ id: 'f-defer-2', severity: 'critical' }));
  await bot.trail.respond(alert.id, aResponse({ at: '2026-11-20T14:01:30.000Z' }));
});
afterAll(async () => {
  await Promise.all([bot?.close(), invoke?.close()]);
});

/** Sends `/eks-audit <text>` as Slack does, signed, through API Gateway to the handler. */
async function slashCommand(text: string, responseUrl: string) {
  const body = slashCommandBody(text, { user: bob, responseUrl });
  const response = await bot.handler(apiGatewayEvent(body, signatureHeaders(body)), {});
  return { statusCode: response.statusCode, reply: JSON.parse(response.body) };
}

/** Posts to any `response_url` after the `from`-th. */
const postsSince = (from: number) => bot.slack.callsTo('response_url').slice(from);
const logged = (message: string) =>
  bot.logs.map((line) => JSON.parse(line)).filter((record) => record.message === message);

describe('Slack function: /eks-audit report on Lambda', () => {
  it('acknowledges at once and hands the report to an asynchronous invocation, which answers on response_url', async () => {
    const responseUrl = bot.slack.responseUrl('lambda-report-30d');
    const before = bot.slack.callsTo('response_url').length;
    const { statusCode, reply } = await slashCommand('report 30d', responseUrl);

    expect(statusCode).toBe(200);
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: 'Working on it…' });
    expect(invoke.invocations).toHaveLength(1);
    const [invocation] = invoke.invocations;
    expect(invocation).toMatchObject({
      functionName: FUNCTION_NAME,
      invocationType: 'Event',
      signedForLambda: true,
      payload: { eksAuditDeferredCommand: { text: 'report 30d', userId: bob.id, responseUrl } },
    });
    // Handed over, not answered: the report was not built in the invocation that answered Slack.
    expect(postsSince(before)).toHaveLength(0);
    expect(logged('deferred eks-audit command answered')).toHaveLength(0);

    // Lambda's part: the queued event, delivered to the same function.
    const event = invocation?.payload as { eksAuditDeferredCommand: unknown };
    expect(await bot.handler(event, {})).toEqual({ answered: true });

    const posts = postsSince(before);
    expect(posts).toHaveLength(1);
    const report = JSON.stringify(posts[0]?.args);
    expect(posts[0]?.args.response_type).toBe('ephemeral');
    expect(report).toContain('last 30 days (all clusters)');
    expect(report).toContain('2 alerts');
    expect(report).toContain('50% responded to (1 of 2)');
    expect(logged('deferred eks-audit command answered')).toHaveLength(1);
  });

  it('answers in the same invocation when Lambda refuses the hand-over (403 AccessDeniedException), and logs why', async () => {
    invoke.refuse = true;
    try {
      const responseUrl = bot.slack.responseUrl('lambda-report-refused');
      const invoked = invoke.invocations.length;
      const before = bot.slack.callsTo('response_url').length;
      const { statusCode, reply } = await slashCommand('report 7d public', responseUrl);

      expect(statusCode).toBe(200);
      expect(reply.text).toBe('Working on it…');
      expect(invoke.refused).toEqual([FUNCTION_NAME]);
      expect(invoke.invocations).toHaveLength(invoked);
      // Late (after the report was built) but answered, by the invocation Slack called.
      const posts = postsSince(before);
      expect(posts).toHaveLength(1);
      expect(posts[0]?.args.response_type).toBe('in_channel');
      expect(JSON.stringify(posts[0]?.args)).toContain('last 7 days (all clusters)');
      const [warning] = logged('eks-audit command not handed over; answering in this invocation');
      expect(warning).toMatchObject({ level: 'warn', deferral: 'lambda-self-invoke' });
      expect(String(warning?.error)).toContain('AccessDeniedException');
    } finally {
      invoke.refuse = false;
    }
  });

  it('drops a malformed deferred event with a log line naming the missing fields', async () => {
    const before = bot.slack.callsTo('response_url').length;
    expect(await bot.handler({ eksAuditDeferredCommand: { text: 'report' } }, {})).toEqual({
      answered: false,
    });
    expect(bot.slack.callsTo('response_url')).toHaveLength(before);
    const [dropped] = logged('deferred eks-audit command dropped: malformed event');
    expect(String(dropped?.fields)).toContain('eksAuditDeferredCommand.userId');
  });
});
