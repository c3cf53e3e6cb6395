import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RetryOptions } from '@slack/web-api';
import { SlackCardPublisher } from '../adapters/slack/slack-card-publisher';
import { SlackDirectory } from '../adapters/slack/slack-directory';
import { createSlackWebClient } from '../adapters/slack/web-client';
import type { SecretSource } from '../config/secrets';
import { deferredPublisher, onFirstUse } from '../notify/deferred-publisher';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { TeamsPublisherEnv } from '../teams/config';
import { teamsPublisherEnvIfSet } from '../teams/publisher-env';
import { createTeamsCardPublisher } from '../teams/publisher-setup';
import type { NotifierDeps } from './notifier';
import { webClientLogger } from './notifier-setup';

/**
 * The notifier's Teams publisher settings (`TeamsPublisherEnvSchema`), or undefined when none of
 * `TEAMS_APP_ID`, `TEAMS_TENANT_ID`, `TEAMS_APP_PASSWORD_PARAM` is set (empty counts as unset): Teams is
 * optional for the notifier. When one is set, all are validated, so a half-configured Teams fails the cold
 * start naming what is missing (the rule the Slack function follows too: `teamsPublisherEnvIfSet`).
 *
 * @throws ConfigError naming the bad or missing setting.
 * @example
 * notifierTeamsEnv(process.env); // undefined on a Slack-only deployment
 */
export function notifierTeamsEnv(env: NodeJS.ProcessEnv): TeamsPublisherEnv | undefined {
  return teamsPublisherEnvIfSet(env, 'notifier');
}

/** What the notifier's publishers are built from. */
export interface NotifierPublisherSetup {
  readonly slack: {
    readonly secrets: SecretSource;
    /** Another Slack-compatible Web API (local runs, tests). */
    readonly apiUrl?: string;
    readonly retryConfig?: RetryOptions;
  };
  /** Absent: no Teams publisher (cards routed to Teams are logged as errors and counted). */
  readonly teams?: {
    readonly env: TeamsPublisherEnv;
    readonly appPassword: () => Promise<string>;
    readonly dynamo: DynamoDBClient;
    readonly tableName: string;
  };
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * The notifier's publishers, each built on its first card: Slack's from the bot token (the WebClient's
 * `background` profile, and the permalink source), Teams' from the client secret.
 *
 * @example
 * const publishers = notifierPublishers({ slack: { secrets }, teams, clock, log });
 * await notifyFinding(record, { trail, routing, clock, log, ...publishers });
 */
export function notifierPublishers(
  setup: NotifierPublisherSetup,
): Pick<NotifierDeps, 'publisher' | 'permalinks' | 'teams'> {
  const { clock, slack: options } = setup;
  const slack = onFirstUse(async () => {
    const { botToken } = await options.secrets.slackSecrets();
    const client = createSlackWebClient({
      token: botToken,
      profile: 'background',
      logger: webClientLogger(setup.log),
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    });
    return { publisher: new SlackCardPublisher(client), permalinks: new SlackDirectory(client, { clock }) };
  });
  const teams = setup.teams;
  return {
    publisher: deferredPublisher(async () => (await slack()).publisher),
    permalinks: { getPermalink: async (channel, ts) => (await slack()).permalinks.getPermalink(channel, ts) },
    ...(teams
      ? {
          teams: deferredPublisher(
            onFirstUse(async () =>
              createTeamsCardPublisher({ ...teams, clock, appPassword: await teams.appPassword() }),
            ),
          ),
        }
      : {}),
  };
}
