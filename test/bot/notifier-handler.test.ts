import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNotifierHandler, NotifierFailedError } from '../../src/bot/notifier-lambda';
import { EnvSecretSource } from '../../src/config/secrets';
import { aFinding } from '../support/builders';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { anSnsEvent, anSnsRecord } from './support/sns-records';

/**
 * The notifier as Lambda runs it (`createNotifierHandler`: configuration, the real DynamoDB trail, the real
 * WebClient with the `background` profile), against dynalite and the fake Slack. SSM cannot run here: the
 * Slack token comes from `EnvSecretSource`, the local-run secret source.
 */
let dynamo: TestDynamo;
let slack: SlackServer;
beforeAll(async () => {
  dynamo = await startTestDynamo({ tableName: 'eks-audit-notifier-handler' });
});
afterAll(() => dynamo.close());
beforeEach(async () => {
  slack = await startSlackServer({ channels: ['C0ALERTS'], retryAfterSeconds: 0 });
});
afterEach(() => slack.close());

const now = new Date('2026-11-20T14:01:10.000Z');

function handler(env: Record<string, string> = {}) {
  const logs: Record<string, unknown>[] = [];
  const notifier = createNotifierHandler({
    env: {
      TABLE_NAME: dynamo.tableName,
      SLACK_BOT_TOKEN_PARAM: '/eks-audit-bot/test/slack/bot-token',
      SLACK_SIGNING_SECRET_PARAM: '/eks-audit-bot/test/slack/signing-secret',
      SLACK_DEFAULT_CHANNEL: 'C0ALERTS',
      SLACK_API_URL: slack.apiUrl,
      AWS_REGION: 'us-east-1',
      ...env,
    },
    secrets: new EnvSecretSource({ SLACK_BOT_TOKEN: slack.token }),
    dynamo: dynamo.client,
    clock: () => now,
    writeLog: (line) => logs.push(JSON.parse(line)),
    // The background profile's policy (3 retries, doubling), with millisecond waits to keep the test fast.
    slackRetryConfig: { retries: 3, factor: 2, minTimeout: 1, maxTimeout: 4, randomize: false },
  });
  return { notifier, logs };
}

describe('notifier handler', () => {
  it('posts every good record of an event and skips the bad one, counting each', async () => {
    const { notifier, logs } = handler();
    const [a, b] = [aFinding({ id: 'f-h-1' }), aFinding({ id: 'f-h-2' })];
    const event = anSnsEvent(anSnsRecord(a, 'm-1'), anSnsRecord('not json', 'm-2'), anSnsRecord(b, 'm-3'));
    const summary = await notifier(event, { awsRequestId: 'req-1' });
    expect(summary).toEqual({
      records: 3,
      posted: 2,
      alreadyPosted: 0,
      cards: { slack: 2, teams: 0 },
      noPublisher: 0,
      skipped: { 'invalid-json': 1 },
      failed: 0,
    });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(logs.find((l) => l.message === 'notifier summary')).toMatchObject({
      requestId: 'req-1',
      posted: 2,
    });
    expect(logs.find((l) => l.reason === 'invalid-json')).toMatchObject({
      level: 'error',
      snsMessageId: 'm-2',
    });
  });

  it('processes every record even when one fails, then fails the invocation for Lambda to retry', async () => {
    const routing = JSON.stringify({
      defaultChannel: 'C0ALERTS',
      routes: [{ cluster: 'gone', channel: 'C0GONE' }],
    });
    const { notifier, logs } = handler({ ROUTING: routing });
    const lost = aFinding({ id: 'f-h-3', where: { cluster: 'gone' } });
    const fine = aFinding({ id: 'f-h-4' });
    const error = await notifier(anSnsEvent(anSnsRecord(lost, 'm-4'), anSnsRecord(fine, 'm-5'))).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(NotifierFailedError);
    expect(error.summary).toMatchObject({ records: 2, posted: 1, failed: 1 });
    expect(
      logs.some((l) => l.message === 'finding not posted' && String(l.error).includes('channel_not_found')),
    ).toBe(true);
    expect((await aTrail(dynamo).getAlert('f-h-4'))?.messages).toHaveLength(1);
  });

  describe('failure walk-through (issue 5): Slack is down', () => {
    /**
     * On AWS the rest happens outside this process: Lambda retries the failed asynchronous invocation twice,
     * then sends the event to the notifier's on-failure destination (the `NotifierFailedQueue` SQS queue that
     * serverless.yml wires, watched by an alarm), from which it is redriven (README, troubleshooting). That
     * part cannot run locally; what is asserted here is what makes it work: the invocation throws, nothing
     * is dropped (the alert is stored, without a card), and a later delivery of the same event posts it once.
     */
    it.each([
      ['answers 503', { kind: 'http' as const, status: 503 }],
      ['rate limits (429) persistently', { kind: 'ratelimited' as const, retryAfterSeconds: 0 }],
    ])(
      'when Slack %s: retries, then throws; the redelivery posts the card exactly once',
      async (_, fault) => {
        const { notifier } = handler();
        const finding = aFinding({ id: `f-h-down-${fault.kind}` });
        const event = anSnsEvent(anSnsRecord(finding, 'm-down'));
        slack.failNext('chat.postMessage', 4, fault);

        await expect(notifier(event)).rejects.toBeInstanceOf(NotifierFailedError);
        // The WebClient's own retries first: 1 call and 3 retries, every one refused.
        expect(slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual(
          Array(4).fill(fault.kind === 'http' ? 503 : 429),
        );
        // Nothing silently dropped: the alert is in the trail, without a card, so the retry knows to post it.
        const stored = await aTrail(dynamo).getAlert(finding.id);
        expect(stored?.messages).toEqual([]);
        expect(stored?.status).toBe('open');

        // Lambda's retry (or a redrive from the dead-letter queue) once Slack is back: one card, recorded.
        const summary = await notifier(event);
        expect(summary).toMatchObject({ posted: 1, failed: 0 });
        const posted = slack.callsTo('chat.postMessage').filter((c) => c.status === 200);
        expect(posted).toHaveLength(1);
        expect((await aTrail(dynamo).getAlert(finding.id))?.messages).toHaveLength(1);
        // A further redelivery changes nothing.
        expect(await notifier(event)).toMatchObject({ posted: 0, alreadyPosted: 1 });
        expect(slack.callsTo('chat.postMessage').filter((c) => c.status === 200)).toHaveLength(1);
      },
    );

    it('throws, so Lambda retries, when the Slack token cannot be read', async () => {
      const notifier = createNotifierHandler({
        env: {
          TABLE_NAME: dynamo.tableName,
          SLACK_BOT_TOKEN_PARAM: '/x/bot-token',
          SLACK_SIGNING_SECRET_PARAM: '/x/signing-secret',
          SLACK_DEFAULT_CHANNEL: 'C0ALERTS',
        },
        secrets: new EnvSecretSource({}),
        dynamo: dynamo.client,
        writeLog: () => {},
      });
      await expect(notifier(anSnsEvent(anSnsRecord(aFinding({ id: 'f-h-nosecret' }))))).rejects.toThrow(
        NotifierFailedError,
      );
    });
  });

  it('redelivered from the dead-letter queue as a bare SNS notification, it is read the same way', async () => {
    const { notifier } = handler();
    const finding = aFinding({ id: 'f-h-redrive' });
    const summary = await notifier(anSnsRecord(finding, 'm-redrive').Sns);
    expect(summary).toMatchObject({ records: 1, posted: 1 });
  });
});

describe('notifier configuration', () => {
  const base = {
    TABLE_NAME: 'eks-audit-trail',
    SLACK_BOT_TOKEN_PARAM: '/p/bot-token',
    SLACK_SIGNING_SECRET_PARAM: '/p/signing-secret',
  };

  it('fails at cold start without a default Slack channel or Teams conversation, naming the settings', () => {
    expect(() => createNotifierHandler({ env: base })).toThrow(
      /SLACK_DEFAULT_CHANNEL or TEAMS_DEFAULT_CONVERSATION: one is required when ROUTING has neither "defaultChannel" nor "defaultTeamsConversation"/,
    );
  });

  it('takes the default channel from ROUTING, and names ROUTING when it is not valid', () => {
    expect(() =>
      createNotifierHandler({
        env: { ...base, ROUTING: '{"defaultChannel":"C0A","routes":[]}' },
        writeLog: () => {},
      }),
    ).not.toThrow();
    expect(() => createNotifierHandler({ env: { ...base, ROUTING: '{"defaultChannel":' } })).toThrow(
      /ROUTING: is not valid JSON/,
    );
    expect(() =>
      createNotifierHandler({ env: { ...base, ROUTING: '{"routes":[{"severity":"high"}]}' } }),
    ).toThrow(/ROUTING/);
    expect(() =>
      createNotifierHandler({ env: { ...base, TABLE_NAME: '', SLACK_DEFAULT_CHANNEL: 'C0A' } }),
    ).toThrow(/TABLE_NAME/);
  });
});
