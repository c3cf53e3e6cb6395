import { DynamoAlertFacts } from '../../../src/adapters/dynamodb/alert-facts';
import { SnsEscalationNotifier } from '../../../src/adapters/sns/sns-escalation-notifier';
import { SnsMessagePublisher } from '../../../src/adapters/sns/sns-message-publisher';
import { EntraTokenSource } from '../../../src/adapters/teams/entra-token';
import { InMemoryConversationReferenceStore } from '../../../src/notify/teams/conversations';
import { createLogger, silentLogger } from '../../../src/shared/logger';
import { createTeamsBot, type TeamsBot } from '../../../src/teams/app';
import { teamsCloud } from '../../../src/teams/config';
import { createTriagePolicy, TriagePolicySchema } from '../../../src/triage/policy';
import type { AuditTrail } from '../../../src/triage/ports';
import { aTrail, startTestDynamo, type TestDynamo } from '../../support/dynamo';
import { testSnsClient } from '../../support/sns-client';
import { type SnsServer, startSnsServer } from '../../support/sns-server';
import { alice, bob } from './activities';
import { type ConnectorServer, startConnectorServer } from './connector-server';
import {
  BOT_FRAMEWORK_ISSUER,
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from './identity-server';

/** The time the tests' clicks happen at (the injected clock; token lifetimes use the real time). */
export const CLICK_TIME = new Date('2026-11-20T14:02:00.000Z');

/** Everything a Teams bot test needs, all real and local: identity, connector, DynamoDB, the bot. */
export interface TeamsHarness {
  readonly identity: IdentityServer;
  readonly connector: ConnectorServer;
  readonly dynamo: TestDynamo;
  /** The local SNS behind the escalation topic. */
  readonly sns: SnsServer;
  readonly trail: AuditTrail;
  readonly conversations: InMemoryConversationReferenceStore;
  readonly logs: Record<string, unknown>[];
  readonly bot: TeamsBot;
  /** Builds another bot on the same servers with another policy. */
  botWith(policy: { acknowledge?: string[]; escalate?: string[] }): Promise<TeamsBot>;
  close(): Promise<void>;
}

/**
 * Starts the identity server, the connector (knowing bob and alice), dynalite with the audit table, and the
 * bot pointed at all three exactly as the Lambda handler points the real one at Microsoft and AWS.
 */
export async function startTeamsHarness(): Promise<TeamsHarness> {
  const identity = await startIdentityServer();
  const connector = await startConnectorServer((token) => identity.issuedTokens.includes(token));
  for (const user of [bob, alice]) connector.members.set(user.id, user);
  const dynamo = await startTestDynamo({ tableName: 'eks-audit-teams-test' });
  const sns = await startSnsServer({ topics: ['eks-audit-escalations'] });
  const escalations = [
    new SnsEscalationNotifier(
      new SnsMessagePublisher(testSnsClient(sns.endpoint), { log: silentLogger }),
      sns.topicArn,
    ),
  ];
  const trail = aTrail(dynamo);
  const conversations = new InMemoryConversationReferenceStore();
  const logs: Record<string, unknown>[] = [];
  const log = createLogger({
    level: 'debug',
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const clock = () => CLICK_TIME;
  const cloud = teamsCloud({
    TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
    TEAMS_TOKEN_ISSUER: BOT_FRAMEWORK_ISSUER,
    TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
  });
  const tokens = new EntraTokenSource({
    credentials: { appId: TEST_APP_ID, appPassword: TEST_APP_PASSWORD, tenantId: TEST_TENANT_ID },
    loginEndpoint: identity.loginEndpoint,
    nowMs: () => clock().getTime(),
  });
  const botWith = (policy: { acknowledge?: string[]; escalate?: string[] }) =>
    createTeamsBot({
      appId: TEST_APP_ID,
      tenantId: TEST_TENANT_ID,
      cloud,
      tokens,
      trail,
      facts: new DynamoAlertFacts({ client: dynamo.client, tableName: dynamo.tableName }),
      policy: createTriagePolicy(TriagePolicySchema.parse(policy)),
      conversations,
      escalations,
      defaultServiceUrl: connector.serviceUrl,
      clock,
      log,
    });
  const bot = await botWith({});
  return {
    identity,
    connector,
    dynamo,
    sns,
    trail,
    conversations,
    logs,
    bot,
    botWith,
    close: async () => {
      await Promise.all([identity.close(), connector.close(), dynamo.close(), sns.close()]);
    },
  };
}
