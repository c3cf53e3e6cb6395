import { BotConnectorClient } from '../adapters/teams/bot-connector';
import { TeamsCardPublisher } from '../adapters/teams/card-publisher';
import { EntraTokenSource } from '../adapters/teams/entra-token';
import type { ConversationReferenceStore } from '../notify/teams/conversations';
import type { Clock } from '../shared/clock';
import type { TeamsPublisherEnv } from './config';

/** A Teams card publisher's parts, its conversation references already at hand. */
export interface ConnectorPublisherSetup {
  /** Parsed with `TeamsPublisherEnvSchema`. */
  readonly env: TeamsPublisherEnv;
  /** The client secret (from SSM: `readSecureParameter(ssm, env.TEAMS_APP_PASSWORD_PARAM)`). */
  readonly appPassword: string;
  /** The conversation references captured at installation (`DynamoConversationReferenceStore`). */
  readonly conversations: ConversationReferenceStore;
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
 * A Teams card publisher over the Bot Connector, with bot tokens from Entra. It imports no AWS SDK package, so
 * the Slack function can load it on first use (`teamsCardsOnFirstUse`) without esbuild wrapping, and so
 * keeping whole, the DynamoDB client its bundle otherwise tree-shakes.
 *
 * @example
 * const teams = createConnectorCardPublisher({ env, appPassword, conversations, clock, profile: 'interactive' });
 * await teams.update(alert, { platform: 'teams', channel: '19:abc@thread.tacv2', messageId: '1763647201000' });
 */
export function createConnectorCardPublisher(setup: ConnectorPublisherSetup): TeamsCardPublisher {
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
    conversations: setup.conversations,
    defaultServiceUrl: env.TEAMS_SERVICE_URL,
  });
}
