import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConversationReferenceStore } from '../../src/adapters/dynamodb/teams-conversations';
import { ConfigError } from '../../src/shared/errors';
import { TeamsPublisherEnvSchema } from '../../src/teams/config';
import { createTeamsLambdaHandler } from '../../src/teams/lambda';
import { createTeamsCardPublisher } from '../../src/teams/publisher-setup';
import { openSecretDeletion } from '../fixtures/cards';
import { aTrail, startTestDynamo, type TestDynamo } from '../support/dynamo';
import { anHttpApiEvent, anInstallation, anInvoke, bob, CHANNEL_ID } from './support/activities';
import { type ConnectorServer, startConnectorServer } from './support/connector-server';
import {
  channelClaims,
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
  unsignedJwt,
} from './support/identity-server';

/** The Lambda entry built from its environment, as on AWS, with the AWS and Microsoft services local. */
describe('createTeamsLambdaHandler', () => {
  let identity: IdentityServer;
  let connector: ConnectorServer;
  let dynamo: TestDynamo;
  const logs: string[] = [];

  beforeAll(async () => {
    identity = await startIdentityServer();
    connector = await startConnectorServer((token) => identity.issuedTokens.includes(token));
    connector.members.set(bob.id, bob);
    dynamo = await startTestDynamo({ tableName: 'eks-audit-teams-lambda' });
    await aTrail(dynamo).createAlert(openSecretDeletion.finding, new Date('2026-11-20T14:01:10Z'));
  });
  afterAll(async () => {
    await Promise.all([identity.close(), connector.close(), dynamo.close()]);
  });
  afterEach(() => {
    delete process.env.DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS;
  });

  const env = (overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
    TEAMS_APP_ID: TEST_APP_ID,
    TEAMS_TENANT_ID: TEST_TENANT_ID,
    TEAMS_APP_PASSWORD_PARAM: '/eks-audit-bot/teams/app-password',
    TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
    TEAMS_SERVICE_URL: connector.serviceUrl,
    TABLE_NAME: dynamo.tableName,
    ...overrides,
  });
  const handlerFor = (environment: NodeJS.ProcessEnv) =>
    createTeamsLambdaHandler({
      env: environment,
      appPassword: async () => TEST_APP_PASSWORD,
      dynamo: dynamo.client,
      clock: () => new Date('2026-11-20T14:02:00Z'),
      writeLog: (line) => logs.push(line),
    });
  const signed = () => identity.sign(channelClaims({ serviceUrl: connector.serviceUrl }));

  it('answers a signed click with the updated card, recorded in the DynamoDB trail', async () => {
    const handler = handlerFor(env());
    const click = anInvoke({
      serviceUrl: connector.serviceUrl,
      verb: 'acknowledge',
      data: { alertId: openSecretDeletion.id },
    });
    const result = await handler(anHttpApiEvent(click, signed()));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    expect((await aTrail(dynamo).getAlert(openSecretDeletion.id))?.status).toBe('acknowledged');
  });

  it('stores the installation reference in the table, where the notifier’s publisher finds it', async () => {
    const handler = handlerFor(env({ TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/teams/' }));
    expect((await handler(anHttpApiEvent(anInstallation(connector.serviceUrl), signed()))).statusCode).toBe(
      200,
    );
    const stored = await new DynamoConversationReferenceStore({
      client: dynamo.client,
      tableName: dynamo.tableName,
    }).get(CHANNEL_ID);
    expect(stored).toMatchObject({
      conversationId: CHANNEL_ID,
      serviceUrl: connector.serviceUrl,
      channelName: 'General',
    });

    connector.calls.length = 0;
    const publisher = createTeamsCardPublisher({
      env: TeamsPublisherEnvSchema.parse(
        env({ TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/teams/' }),
      ),
      appPassword: TEST_APP_PASSWORD,
      dynamo: dynamo.client,
      tableName: dynamo.tableName,
      clock: () => new Date('2026-11-20T14:01:10Z'),
    });
    const message = await publisher.post(openSecretDeletion, { channel: CHANNEL_ID });
    expect(message).toMatchObject({ platform: 'teams', channel: CHANNEL_ID });
    expect(connector.calls).toHaveLength(1);
  });

  it('keeps validating tokens when DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS is set', async () => {
    process.env.DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS = 'true';
    const handler = handlerFor(env());
    const click = anInvoke({
      serviceUrl: connector.serviceUrl,
      verb: 'refresh',
      data: { alertId: openSecretDeletion.id },
    });
    expect((await handler(anHttpApiEvent(click))).statusCode).toBe(401);
    const forged = unsignedJwt(channelClaims({ serviceUrl: connector.serviceUrl }));
    expect((await handler(anHttpApiEvent(click, forged))).statusCode).toBe(401);
  });

  it.each([
    [{ TEAMS_APP_ID: undefined }, /TEAMS_APP_ID/],
    [{ TEAMS_TENANT_ID: 'contoso' }, /TEAMS_TENANT_ID: must be a GUID/],
    [
      { TEAMS_OPENID_METADATA_URL: 'https://login.example/keys' },
      /TEAMS_OPENID_METADATA_URL: must end in \/openidconfiguration/,
    ],
    [{ TEAMS_APP_PASSWORD_PARAM: 'app-password' }, /TEAMS_APP_PASSWORD_PARAM: must be an SSM parameter name/],
    [{ ACK_ALLOWED: 'bob' }, /ACK_ALLOWED\[0\] \("bob"\)/],
  ])('fails at cold start naming the bad setting (%j)', (overrides, message) => {
    expect(() => handlerFor(env(overrides))).toThrow(ConfigError);
    expect(() => handlerFor(env(overrides))).toThrow(message);
  });
});
