import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BotConnectorClient, BotConnectorError } from '../../src/adapters/teams/bot-connector';
import { TeamsCardPublisher } from '../../src/adapters/teams/card-publisher';
import { EntraTokenError, EntraTokenSource } from '../../src/adapters/teams/entra-token';
import { InMemoryConversationReferenceStore } from '../../src/notify/teams/conversations';
import { acknowledged, openSecretDeletion } from '../fixtures/cards';
import { CHANNEL_ID } from './support/activities';
import { checkAdaptiveCard } from './support/adaptive-cards';
import { attachmentOf, type ConnectorServer, startConnectorServer } from './support/connector-server';
import {
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from './support/identity-server';

/**
 * The notifier's Teams publisher, against a local Entra token endpoint and a local Bot Connector that
 * records what it is sent.
 */
describe('TeamsCardPublisher', () => {
  let identity: IdentityServer;
  let connector: ConnectorServer;
  let conversations: InMemoryConversationReferenceStore;
  let sleeps: number[];
  let publisher: TeamsCardPublisher;

  const tokenSource = (appPassword = TEST_APP_PASSWORD) =>
    new EntraTokenSource({
      credentials: { appId: TEST_APP_ID, appPassword, tenantId: TEST_TENANT_ID },
      loginEndpoint: identity.loginEndpoint,
      nowMs: () => Date.parse('2026-11-20T14:01:10Z'),
    });
  const publisherWith = (tokens: EntraTokenSource, defaultServiceUrl = connector.serviceUrl) =>
    new TeamsCardPublisher({
      connector: new BotConnectorClient({ tokens, sleep: async (ms) => void sleeps.push(ms) }),
      conversations,
      defaultServiceUrl,
    });

  beforeAll(async () => {
    identity = await startIdentityServer();
    connector = await startConnectorServer((token) => identity.issuedTokens.includes(token));
  });
  afterAll(async () => {
    await Promise.all([identity.close(), connector.close()]);
  });
  beforeEach(() => {
    connector.calls.length = 0;
    connector.server.requests.length = 0;
    identity.server.requests.length = 0;
    conversations = new InMemoryConversationReferenceStore();
    sleeps = [];
    publisher = publisherWith(tokenSource());
  });

  it('posts the alert card into the conversation and returns where it lives', async () => {
    const message = await publisher.post(openSecretDeletion, { channel: CHANNEL_ID });

    expect(message).toEqual({ platform: 'teams', channel: CHANNEL_ID, messageId: 'activity-1' });
    const [call] = connector.calls;
    expect(call).toMatchObject({ kind: 'create', conversationId: CHANNEL_ID });
    expect(call?.activity).toMatchObject({
      type: 'message',
      summary: '[HIGH] alice@example.com deleted secret kube-system/db-creds on prod-eu',
    });
    const attachment = attachmentOf(call);
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(checkAdaptiveCard(attachment?.content).problems).toEqual([]);
    expect(JSON.stringify(attachment?.content)).toContain('eksAudit.acknowledge');
  });

  it('asks Entra for a Bot Framework token with the client credentials once, then reuses it', async () => {
    await publisher.post(openSecretDeletion, { channel: CHANNEL_ID });
    await publisher.post(openSecretDeletion, { channel: CHANNEL_ID });

    const tokenRequests = identity.server.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenRequests).toHaveLength(1);
    const form = new URLSearchParams(tokenRequests[0]?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: TEST_APP_ID,
      client_secret: TEST_APP_PASSWORD,
      scope: 'https://api.botframework.com/.default',
    });
    expect(connector.calls.map((c) => c.authorization)).toEqual([
      `Bearer ${identity.issuedTokens.at(-1)}`,
      `Bearer ${identity.issuedTokens.at(-1)}`,
    ]);
  });

  it('replaces a posted card with the alert’s current state', async () => {
    await publisher.update(acknowledged, { platform: 'teams', channel: CHANNEL_ID, messageId: 'activity-7' });
    const [call] = connector.calls;
    expect(call).toMatchObject({ kind: 'update', conversationId: CHANNEL_ID, activityId: 'activity-7' });
    expect(JSON.stringify(call?.activity)).toContain('Acknowledged by bob, 14:02 UTC');
  });

  it('posts through the Bot Connector of the stored conversation reference', async () => {
    const elsewhere = publisherWith(tokenSource(), 'https://smba.trafficmanager.net/teams/');
    await conversations.save({
      conversationId: CHANNEL_ID,
      serviceUrl: connector.serviceUrl,
      installedAt: '2026-11-20T13:00:00Z',
    });
    await elsewhere.post(openSecretDeletion, { channel: CHANNEL_ID });
    expect(connector.calls).toHaveLength(1);
  });

  it('waits as long as Retry-After asks when throttled, then posts once', async () => {
    connector.failNext({ status: 429, headers: { 'retry-after': '2' }, body: { error: 'throttled' } });
    const message = await publisher.post(openSecretDeletion, { channel: CHANNEL_ID });
    expect(sleeps).toEqual([2000]);
    expect(message.messageId).toBe('activity-1');
    expect(connector.calls).toHaveLength(1);
  });

  it('does not retry a 500, which may have posted, and says what failed', async () => {
    connector.failNext({ status: 500, body: { error: 'boom' } });
    await expect(publisher.post(openSecretDeletion, { channel: CHANNEL_ID })).rejects.toThrow(
      BotConnectorError,
    );
    expect(sleeps).toEqual([]);
    const posts = connector.server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
  });

  it('gives up after three unreachable answers (503)', async () => {
    connector.failNext({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(publisher.post(openSecretDeletion, { channel: CHANNEL_ID })).rejects.toMatchObject({
      code: 'TEAMS_CONNECTOR_FAILED',
      status: 503,
    });
    expect(sleeps).toEqual([500, 1000]);
  });

  it('reports Entra refusing the secret by its error code, without the secret', async () => {
    const wrong = publisherWith(tokenSource('wrong-secret'));
    const error = await wrong.post(openSecretDeletion, { channel: CHANNEL_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntraTokenError);
    expect((error as Error).message).toMatch(/HTTP 401.*AADSTS7000215/);
    expect((error as Error).message).not.toContain('wrong-secret');
    expect(connector.calls).toEqual([]);
  });
});
