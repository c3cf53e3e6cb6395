import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { RetryOptions } from '@slack/web-api';
import { z } from 'zod';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail';
import { SlackCardPublisher } from '../adapters/slack/slack-card-publisher';
import { SlackDirectory } from '../adapters/slack/slack-directory';
import { createSlackWebClient } from '../adapters/slack/web-client';
import { SsmSecretSource } from '../adapters/ssm/ssm-secret-source';
import { NotifierEnvSchema } from '../config/components';
import { parseEnv } from '../config/env';
import type { SecretSource } from '../config/secrets';
import { type Clock, systemClock } from '../shared/clock';
import { describeError, EksAuditError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { type NotifierDeps, type NotifyOutcome, notifyFinding } from './notifier';
import { notifierRouting, webClientLogger } from './notifier-setup';
import { SnsEventSchema } from './sns-envelope';

/** The notifier's environment, plus `SLACK_API_URL` (unset on AWS; local runs and tests only). */
export const NotifierLambdaEnvSchema = NotifierEnvSchema.extend({
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /api/' }).optional(),
});

/** What the handler is built from; only `env` is required, tests inject the rest. */
export interface NotifierLambdaDeps {
  readonly env: NodeJS.ProcessEnv;
  /** Default: from SSM (`SLACK_BOT_TOKEN_PARAM`, `SLACK_SIGNING_SECRET_PARAM`). */
  readonly secrets?: SecretSource;
  /** Default clients honour `AWS_REGION` and `AWS_ENDPOINT_URL_<SERVICE>`. */
  readonly ssm?: SSMClient;
  readonly dynamo?: DynamoDBClient;
  readonly clock?: Clock;
  readonly writeLog?: (line: string) => void;
  /** Overrides the `background` profile's Slack retry policy (tests keep the backoff short). */
  readonly slackRetryConfig?: RetryOptions;
}

/** What one invocation did, by outcome (also logged as `notifier summary`). */
export interface NotifierSummary {
  readonly records: number;
  readonly posted: number;
  readonly alreadyPosted: number;
  readonly routedElsewhere: number;
  /** Messages that can never be processed, by reason: logged with their SNS message id, not retried. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Records that failed on something transient: the invocation throws so Lambda retries it. */
  readonly failed: number;
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
 * Validates the configuration now (cold start), reads the Slack token from SSM on first use, and returns the
 * handler. Every record of an event is processed, even when an earlier one failed; then, if any failed, the
 * invocation throws so that Lambda retries it (the already-posted ones are recognised and not posted twice).
 *
 * @throws ConfigError naming the setting (TABLE_NAME, ROUTING, SLACK_DEFAULT_CHANNEL, ...).
 * @example
 * export const handler = createNotifierHandler({ env: process.env });
 */
export function createNotifierHandler(deps: NotifierLambdaDeps): NotifierHandler {
  const env = parseEnv(NotifierLambdaEnvSchema, deps.env, 'notifier');
  const routing = notifierRouting(env);
  const clock = deps.clock ?? systemClock;
  const logger = createLogger({
    level: env.LOG_LEVEL,
    clock,
    ...(deps.writeLog ? { write: deps.writeLog } : {}),
  });
  const region = env.AWS_REGION ? { region: env.AWS_REGION } : {};
  const secrets =
    deps.secrets ??
    new SsmSecretSource(
      deps.ssm ?? new SSMClient(region),
      { botToken: env.SLACK_BOT_TOKEN_PARAM, signingSecret: env.SLACK_SIGNING_SECRET_PARAM },
      () => clock().getTime(),
    );
  const trail = new DynamoAuditTrail({
    client: deps.dynamo ?? new DynamoDBClient(region),
    tableName: env.TABLE_NAME,
    retentionDays: env.RETENTION_DAYS,
  });
  let slack: Promise<Pick<NotifierDeps, 'publisher' | 'permalinks'>> | undefined;
  const connect = () => {
    slack ??= secrets.slackSecrets().then(({ botToken }) => {
      const client = createSlackWebClient({
        token: botToken,
        profile: 'background',
        logger: webClientLogger(logger),
        ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
        ...(deps.slackRetryConfig ? { retryConfig: deps.slackRetryConfig } : {}),
      });
      return { publisher: new SlackCardPublisher(client), permalinks: new SlackDirectory(client, { clock }) };
    });
    // Secrets not readable (SSM throttled): forget the attempt, so the retry of this invocation asks again.
    slack.catch(() => {
      slack = undefined;
    });
    return slack;
  };
  logger.info('notifier ready', { routes: routing.routes.length });

  return async (event, context) => {
    const log = context?.awsRequestId ? logger.child({ requestId: context.awsRequestId }) : logger;
    const records = SnsEventSchema.safeParse(event);
    const list = records.success ? records.data.Records : [event];
    const outcomes = await Promise.allSettled(
      list.map(async (record) => notifyFinding(record, { trail, routing, clock, log, ...(await connect()) })),
    );
    const summary = summarise(outcomes);
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

function summarise(outcomes: readonly PromiseSettledResult<NotifyOutcome>[]): NotifierSummary {
  const skipped: Record<string, number> = {};
  const count = { posted: 0, alreadyPosted: 0, routedElsewhere: 0, failed: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') count.failed++;
    else if (outcome.value.status === 'posted') count.posted++;
    else if (outcome.value.status === 'already-posted') count.alreadyPosted++;
    else if (outcome.value.status === 'routed-elsewhere') count.routedElsewhere++;
    else skipped[outcome.value.reason] = (skipped[outcome.value.reason] ?? 0) + 1;
  }
  return { records: outcomes.length, ...count, skipped };
}
