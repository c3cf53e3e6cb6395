import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoConversationReferenceStore } from '../adapters/dynamodb/teams-conversations';
import { deferredPublisher, onFirstUse } from '../notify/deferred-publisher';
import type { CardPublisher } from '../notify/ports';
import type { Clock } from '../shared/clock';
import type { TeamsPublisherEnv } from '../teams/config';

/** Where the Slack function's Teams card publisher comes from. */
export interface TeamsCardsSetup {
  /** Parsed with `teamsPublisherEnvIfSet` (Teams configured for the Slack function). */
  readonly env: TeamsPublisherEnv;
  /** Reads the Teams client secret (`readSecureParameter(ssm, env.TEAMS_APP_PASSWORD_PARAM)`). */
  readonly appPassword: () => Promise<string>;
  /** The audit table's client and name: the conversation references captured at installation live there. */
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  readonly clock: Clock;
}

/**
 * A Teams card publisher for the Slack function, built when a response first has a Teams card to update: the
 * client secret is read then (from SSM) and kept for the life of the function instance, and the Teams
 * publisher (Entra tokens, the Bot Connector client, the Adaptive Card renderer) is loaded then, not at cold
 * start (a Slack-only deployment, and clicks on alerts without a Teams card, never load it). A failed build
 * (SSM throttled, the parameter missing) is forgotten, so the next click tries again; its error, like a Bot
 * Connector failure, reaches the triage service, which logs it as a failed card update (`triage follow-up
 * failed`, `platform: teams`) without failing the click: the Teams card catches up with the next response, or
 * with its own refresh when someone opens it.
 *
 * The mirror of the Teams function's `slackCardsOnFirstUse`. esbuild bundles the dynamic import and runs the
 * imported modules only when it is first awaited.
 *
 * @example
 * const teams = teamsCardsOnFirstUse({ env: teamsEnv, appPassword: () => readSecureParameter(ssm, name),
 *   dynamo, tableName: env.TABLE_NAME, clock });
 * new TriageService({ ..., cards: { slack, teams } });
 */
export function teamsCardsOnFirstUse(setup: TeamsCardsSetup): CardPublisher {
  return deferredPublisher(onFirstUse(() => build(setup)));
}

async function build(setup: TeamsCardsSetup): Promise<CardPublisher> {
  // The references' store is built here, in the static graph: a module reached only through `import()` is
  // wrapped by esbuild with everything it imports, and the DynamoDB client wrapped would be bundled whole
  // (about +75 KB minified and +40 ms at load, measured). The imported module uses no AWS SDK package.
  const conversations = new DynamoConversationReferenceStore({
    client: setup.dynamo,
    tableName: setup.tableName,
  });
  const [appPassword, { createConnectorCardPublisher }] = await Promise.all([
    setup.appPassword(),
    import('../teams/connector-publisher'),
  ]);
  // A person is waiting for Slack's acknowledgement, which leaves only when the click's work is done.
  const { env, clock } = setup;
  return createConnectorCardPublisher({ env, appPassword, conversations, clock, profile: 'interactive' });
}
