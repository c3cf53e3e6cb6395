import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackApiError } from '../../src/adapters/slack/slack-api-error';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import { createSlackWebClient } from '../../src/adapters/slack/web-client';
import { buildCard } from '../../src/notify/card-model';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { renderSlackCard } from '../../src/notify/slack/render';
import { acknowledged, cardFixtures, openSecretDeletion } from '../fixtures/cards';
import { recordingLogger } from '../support/slack-client';
import { type SlackServer, startSlackServer } from '../support/slack-server';

let slack: SlackServer;
const route = { channel: 'C0ALERTS' };

beforeEach(async () => {
  slack = await startSlackServer({ channels: ['C0ALERTS'] });
});
afterEach(async () => {
  await slack.close();
});

/** The real WebClient as production builds it; `fastBackoff` only shortens the waits between 5xx retries. */
function publisher(profile: 'background' | 'interactive', fastBackoff = false) {
  const client = createSlackWebClient({
    token: slack.token,
    profile,
    slackApiUrl: slack.apiUrl,
    logger: recordingLogger(),
    ...(fastBackoff ? { retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 5 } } : {}),
  });
  return new SlackCardPublisher(client);
}

async function failure(promise: Promise<unknown>): Promise<SlackApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackApiError);
  return error as SlackApiError;
}

describe('SlackCardPublisher', () => {
  it.each(Object.keys(cardFixtures) as (keyof typeof cardFixtures)[])(
    'posts the %s card, and Slack accepts it as rendered',
    async (name) => {
      const alert = cardFixtures[name];
      const message = await publisher('background').post(alert, route);
      expect(message).toEqual({
        platform: 'slack',
        channel: 'C0ALERTS',
        messageId: expect.stringMatching(/^\d+\.\d{6}$/),
      });
      const stored = slack.message('C0ALERTS', message.messageId);
      expect(stored?.blocks).toEqual(renderSlackCard(buildCard(alert)).blocks);
      expect(slack.callsTo('chat.postMessage')[0]?.args).toMatchObject({
        unfurl_links: 'false',
        unfurl_media: 'false',
      });
    },
  );

  it('updates the card in place: same message, new status, no Acknowledge button', async () => {
    const cards = publisher('background');
    const message = await cards.post(openSecretDeletion, route);
    await cards.update(acknowledged, message);
    const stored = slack.message('C0ALERTS', message.messageId);
    expect(stored?.versions).toHaveLength(2);
    expect(JSON.stringify(stored?.blocks)).toContain('Acknowledged by <@U0BOB>');
    expect(JSON.stringify(stored?.blocks)).not.toContain(SlackActionIds.acknowledge);
    expect(slack.callsTo('chat.update')[0]?.args).toMatchObject({
      channel: 'C0ALERTS',
      ts: message.messageId,
    });
  });

  it('waits out a 429 for its Retry-After and then posts, exactly once', async () => {
    slack.failNext('chat.postMessage', 1, { kind: 'ratelimited', retryAfterSeconds: 1 });
    const message = await publisher('background').post(openSecretDeletion, route);
    const [limited, retried] = slack.callsTo('chat.postMessage');
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    // A lower bound only: the client must not come back before Slack said it could.
    expect((retried?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(990);
    expect(slack.message('C0ALERTS', message.messageId)).toBeDefined();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('retries a 5xx, and succeeds when Slack recovers', async () => {
    slack.failNext('chat.postMessage', 2, { kind: 'http', status: 503 });
    const message = await publisher('background', true).post(openSecretDeletion, route);
    expect(slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual([503, 503, 200]);
    expect(slack.message('C0ALERTS', message.messageId)).toBeDefined();
  });

  it('throws a retryable error when 5xx persists, so the notifier can rethrow and SNS redeliver', async () => {
    slack.failNext('chat.postMessage', 3, { kind: 'http', status: 500 });
    const error = await failure(publisher('background', true).post(openSecretDeletion, route));
    expect(error).toMatchObject({
      code: 'SLACK_API',
      method: 'chat.postMessage',
      slackError: 'http_500',
      retryable: true,
    });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect(error.message).not.toContain(slack.token);
    // The redelivery finds Slack healthy again and the card is posted: nothing was lost.
    const message = await publisher('background', true).post(openSecretDeletion, route);
    expect(slack.message('C0ALERTS', message.messageId)).toBeDefined();
  });

  it('treats an unreachable Slack as retryable', async () => {
    const gone = await startSlackServer();
    await gone.close();
    const client = createSlackWebClient({
      token: gone.token,
      profile: 'background',
      slackApiUrl: gone.apiUrl,
      logger: recordingLogger(),
      retryConfig: { retries: 1, minTimeout: 1, maxTimeout: 5 },
    });
    const error = await failure(new SlackCardPublisher(client).post(openSecretDeletion, route));
    expect(error).toMatchObject({ slackError: 'request_failed', retryable: true });
  });

  it('does not retry what retrying cannot fix, and says it is not retryable', async () => {
    const error = await failure(publisher('background').post(openSecretDeletion, { channel: 'C0GONE' }));
    expect(error).toMatchObject({ slackError: 'channel_not_found', retryable: false });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    const update = await failure(
      publisher('background').update(acknowledged, {
        platform: 'slack',
        channel: 'C0ALERTS',
        messageId: '1.000001',
      }),
    );
    expect(update).toMatchObject({
      method: 'chat.update',
      slackError: 'message_not_found',
      retryable: false,
    });
  });

  it('fails at once on a 429 in interactive use, with the wait Slack asked for', async () => {
    slack.failNext('chat.update', 1, { kind: 'ratelimited', retryAfterSeconds: 30 });
    const cards = publisher('interactive');
    const message = await cards.post(openSecretDeletion, route);
    const error = await failure(cards.update(acknowledged, message));
    expect(error).toMatchObject({ slackError: 'ratelimited', retryable: true, retryAfterSeconds: 30 });
    expect(slack.callsTo('chat.update')).toHaveLength(1);
  });

  it('refuses to update a message of another platform', async () => {
    await expect(
      publisher('background').update(acknowledged, { platform: 'teams', channel: 'x', messageId: 'y' }),
    ).rejects.toMatchObject({ code: 'CARD_PLATFORM_MISMATCH' });
    expect(slack.calls).toHaveLength(0);
  });
});
