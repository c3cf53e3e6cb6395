import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { RetryOptions } from '@slack/web-api';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail';
import { readSecureParameter } from '../adapters/ssm/ssm-parameter';
import { SsmSecretSource } from '../adapters/ssm/ssm-secret-source';
import { NotifierEnvSchema } from '../config/components';
import { parseEnv } from '../config/env';
import type { SecretSource } from '../config/secrets';
import { type Clock, systemClock } from '../shared/clock';
import { describeError, EksAuditError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import * as z from '../shared/zod';
import { notifyFinding } from './notifier';
import { notifierPublishers, notifierTeamsEnv } from './notifier-publishers';
import { notifierRouting, routesToTeams } from './notifier-setup';
import { type NotifierSummary, summariseNotifications } from './notifier-summary';
import { SnsEventSchema } from './sns-envelope';

export type { NotifierSummary } from './notifier-summary';

/**
 * The notifier's environment, plus `SLACK_API_URL` (unset on AWS; local runs and tests only). The optional
 * Teams settings (`TeamsPublisherEnvSchema`) are read by `notifierTeamsEnv`.
 */
export const NotifierLambdaEnvSchema = z.extend(NotifierEnvSchema, {
  SLACK_API_URL: z.optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /api/' })),
});

/** What the handler is built from; only `env` is required, tests inject the rest. */
export interface NotifierLambdaDeps {
  readonly env: NodeJS.ProcessEnv;
  /** Default: from SSM (`SLACK_BOT_TOKEN_PARAM`, `SLACK_SIGNING_SECRET_PARAM`). */
  readonly secrets?: SecretSource;
  /** The Teams client secret. Default: from SSM (`TEAMS_APP_PASSWORD_PARAM`), on the first Teams card. */
  readonly teamsAppPassword?: () => Promise<string>;
  /** Default clients honour `AWS_REGION` and `AWS_ENDPOINT_URL_<SERVICE>`. */
  readonly ssm?: SSMClient;
  readonly dynamo?: DynamoDBClient;
  readonly clock?: Clock;
  readonly writeLog?: (line: string) => void;
  /** Overrides the `background` profile's Slack retry policy (tests keep the backoff short). */
  readonly slackRetryConfig?: RetryOptions;
}

/** The invocation failed for some records; Lambda retries it, then sends it to the dead-letter queue. */
export class NotifierFailedError extends EksAuditError {
  override readonly name = 'NotifierFailedError';
  constructor(readonly summary: NotifierSummary) {
    super(
      'NOTIFIER_FAILED',
      `${summary.failed} of ${summary.records} findings not posted; failing so Lambda retries`,
    );
  }
}

/** The notifier Lambda function: an SNS event in, a summary out; throws when a record failed transiently. */
export type NotifierHandler = (
  event: unknown,
  context?: { awsRequestId?: string },
) => Promise<NotifierSummary>;

/**
 * Validates the configuration now (cold start) and returns the handler. The Slack token and the Teams client
 * secret (when Teams is configured) are read from SSM when the first card for that platform is posted. Every
 * record of an event is processed, even when an earlier one failed; then, if any failed, the invocation throws
 * so that Lambda retries it (the cards already posted are recognised and not posted twice).
 *
 * @throws ConfigError naming the setting (TABLE_NAME, ROUTING, SLACK_DEFAULT_CHANNEL, TEAMS_TENANT_ID, ...).
 * @example
 * export const handler = createNotifierHandler({ env: process.env });
 */
export function createNotifierHandler(deps: NotifierLambdaDeps): NotifierHandler {
  const env = parseEnv(NotifierLambdaEnvSchema, deps.env, 'notifier');
  const routing = notifierRouting(env);
  const teamsEnv = notifierTeamsEnv(deps.env);
  const clock = deps.clock ?? systemClock;
  const logger = createLogger({ level: env.LOG_LEVEL, clock, write: deps.writeLog });
  const region = env.AWS_REGION ? { region: env.AWS_REGION } : {};
  const ssm = deps.ssm ?? new SSMClient(region);
  const dynamo = deps.dynamo ?? new DynamoDBClient(region);
  const trail = new DynamoAuditTrail({
    client: dynamo,
    tableName: env.TABLE_NAME,
    retentionDays: env.RETENTION_DAYS,
  });
  const publishers = notifierPublishers({
    slack: {
      secrets:
        deps.secrets ??
        new SsmSecretSource(
          ssm,
          { botToken: env.SLACK_BOT_TOKEN_PARAM, signingSecret: env.SLACK_SIGNING_SECRET_PARAM },
          () => clock().getTime(),
        ),
      ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
      ...(deps.slackRetryConfig ? { retryConfig: deps.slackRetryConfig } : {}),
    },
    ...(teamsEnv
      ? {
          teams: {
            env: teamsEnv,
            appPassword:
              deps.teamsAppPassword ?? (() => readSecureParameter(ssm, teamsEnv.TEAMS_APP_PASSWORD_PARAM)),
            dynamo,
            tableName: env.TABLE_NAME,
          },
        }
      : {}),
    clock,
    log: logger,
  });
  logger.info('notifier ready', { routes: routing.routes.length, teams: teamsEnv !== undefined });
  if (teamsEnv === undefined && routesToTeams(routing)) {
    logger.warn(
      'ROUTING sends cards to Teams, but TEAMS_APP_ID, TEAMS_TENANT_ID and TEAMS_APP_PASSWORD_PARAM are not set: those cards will not be posted',
    );
  }

  return async (event, context) => {
    const log = context?.awsRequestId ? logger.child({ requestId: context.awsRequestId }) : logger;
    const records = SnsEventSchema.safeParse(event);
    const list = records.success ? records.data.Records : [event];
    const outcomes = await Promise.allSettled(
      list.map((record) => notifyFinding(record, { trail, routing, clock, log, ...publishers })),
    );
    const summary = summariseNotifications(outcomes);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        log.error('finding not posted', { error: describeError(outcome.reason) });
    }
    if (summary.failed === 0) {
      log.info('notifier summary', { ...summary });
      return summary;
    }
    log.error('notifier summary: failing the invocation so Lambda retries it', { ...summary });
    throw new NotifierFailedError(summary);
  };
}
