import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoConversationReferenceStore } from '../adapters/dynamodb/teams-conversations';
import type { TeamsCardPublisher } from '../adapters/teams/card-publisher';
import type { Clock } from '../shared/clock';
import type { TeamsPublisherEnv } from './config';
import { createConnectorCardPublisher } from './connector-publisher';

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
}

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
  const { env, appPassword, clock } = setup;
  const conversations = new DynamoConversationReferenceStore({
    client: setup.dynamo,
    tableName: setup.tableName,
  });
  return createConnectorCardPublisher({ env, appPassword, conversations, clock });
}
