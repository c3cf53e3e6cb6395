import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoConversationReferenceStore } from '../adapters/dynamodb/teams-conversations';
import { BotConnectorClient } from '../adapters/teams/bot-connector';
import { TeamsCardPublisher } from '../adapters/teams/card-publisher';
import { EntraTokenSource } from '../adapters/teams/entra-token';
import type { Clock } from '../shared/clock';
import type { TeamsPublisherEnv } from './config';

/** What the notifier has to hand to post Teams cards. */
export interface TeamsPublisherSetup {
  /** Parsed with `TeamsPublisherEnvSchema`. */
  readonly env: TeamsPublisherEnv;
  /** The client secret (from SSM: `readSecureParameter(ssm, env.TEAMS_APP_PASSWORD_PARAM)`). */
  readonly appPassword: string;
  /** The audit table's client and name: the conversation references captured at installation live there. */
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  readonly clock: Clock;
  /**
   * `background` (the notifier; default): 429s waited out up to 10 s, three attempts, no time limit of our
   * own. `interactive` (the Slack function, where a person is waiting for Slack's acknowledgement): one quick
   * retry of a 502/503/504, a Retry-After longer than 1 s not waited out, each attempt abandoned after 2.5 s.
   */
  readonly profile?: 'background' | 'interactive';
}

/** The Bot Connector's retry policy when a person is waiting (`profile: 'interactive'`). */
const interactiveConnector = { maxAttempts: 2, maxRetryAfterMs: 1_000, attemptTimeoutMs: 2_500 };

/**
 * The notifier's Teams publisher, built from validated settings: `post(alert, { channel: teamsConversation })`
 * posts the card through the Bot Connector that serves the conversation (its stored reference, else
 * `TEAMS_SERVICE_URL`), with a bot token from Entra.
 *
 * @example
 * const teams = createTeamsCardPublisher({ env: parseEnv(TeamsPublisherEnvSchema, process.env, 'notifier'),
 *   appPassword, dynamo, tableName: env.TABLE_NAME, clock: systemClock });
 * const message = await teams.post(alert, { channel: destination.teamsConversation });
 */
export function createTeamsCardPublisher(setup: TeamsPublisherSetup): TeamsCardPublisher {
  const { env } = setup;
  const tokens = new EntraTokenSource({
    credentials: { appId: env.TEAMS_APP_ID, appPassword: setup.appPassword, tenantId: env.TEAMS_TENANT_ID },
    loginEndpoint: env.TEAMS_LOGIN_ENDPOINT,
    nowMs: () => setup.clock().getTime(),
  });
  return new TeamsCardPublisher({
    connector: new BotConnectorClient({
      tokens: { token: () => tokens.token() },
      ...(setup.profile === 'interactive' ? interactiveConnector : {}),
    }),
    conversations: new DynamoConversationReferenceStore({ client: setup.dynamo, tableName: setup.tableName }),
    defaultServiceUrl: env.TEAMS_SERVICE_URL,
  });
}
