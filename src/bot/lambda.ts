import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AwsLambdaReceiver } from '@slack/bolt';
import { z } from 'zod';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail';
import { createSlackWebClient } from '../adapters/slack/web-client';
import { SnsMessagePublisher } from '../adapters/sns/sns-message-publisher';
import { SsmSecretSource } from '../adapters/ssm/ssm-secret-source';
import { SlackEnvSchema } from '../config/components';
import { parseEnv } from '../config/env';
import type { SecretSource } from '../config/secrets';
import { type Clock, systemClock } from '../shared/clock';
import { describeError } from '../shared/errors';
import { createLogger, type Logger } from '../shared/logger';
import { createSlackApp } from './app';
import { boltLogger } from './bolt-logger';
import { triagePolicyFromEnv } from './policy-config';
import { buildSlackServices } from './services';

/** The Slack function's environment, plus `SLACK_API_URL` (unset on AWS; local runs and tests only). */
export const SlackLambdaEnvSchema = SlackEnvSchema.extend({
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /api/' }).optional(),
});

/** What the handler is built from; only `env` is required, tests inject the rest. */
export interface SlackLambdaDeps {
  readonly env: NodeJS.ProcessEnv;
  /** Default: from SSM (`SLACK_BOT_TOKEN_PARAM`, `SLACK_SIGNING_SECRET_PARAM`). */
  readonly secrets?: SecretSource;
  /** Default clients honour `AWS_REGION` and `AWS_ENDPOINT_URL_<SERVICE>`. */
  readonly ssm?: SSMClient;
  readonly dynamo?: DynamoDBClient;
  readonly sns?: SNSClient;
  readonly clock?: Clock;
  readonly writeLog?: (line: string) => void;
}

/** API Gateway (HTTP API, payload 2.0) in, the receiver's response out. */
export type SlackLambdaHandler = ReturnType<AwsLambdaReceiver['toHandler']>;

/**
 * Builds the Slack function: validates the configuration now (a bad setting fails the cold start, naming
 * it), starts reading the Slack secrets from SSM at once (overlapping Lambda's init), and builds the Bolt
 * app on `AwsLambdaReceiver` when they arrive: once per cold start. The receiver checks each request's
 * signature and age before any listener runs.
 *
 * @throws ConfigError naming the setting (TABLE_NAME, ACK_ALLOWED[0], ...)
 * @example
 * export const handler = createSlackLambdaHandler({ env: process.env });
 */
export function createSlackLambdaHandler(deps: SlackLambdaDeps): SlackLambdaHandler {
  const env = parseEnv(SlackLambdaEnvSchema, deps.env, 'slack');
  const policy = triagePolicyFromEnv(env);
  const clock = deps.clock ?? systemClock;
  const log = createLogger({
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

  const build = async (): Promise<SlackLambdaHandler> => {
    const { botToken, signingSecret } = await secrets.slackSecrets();
    const slackApiUrl = env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {};
    const client = createSlackWebClient({ token: botToken, profile: 'interactive', ...slackApiUrl });
    const trail = new DynamoAuditTrail({
      client: deps.dynamo ?? new DynamoDBClient(region),
      tableName: env.TABLE_NAME,
      retentionDays: env.RETENTION_DAYS,
      onInvalidItem: (key, problem) => log.warn('audit trail item skipped', { key, problem }),
    });
    const sns = env.ESCALATION_TOPIC_ARN
      ? new SnsMessagePublisher(deps.sns ?? new SNSClient(region), { log, retry: { maxAttempts: 2 } })
      : undefined;
    const escalation = { channel: env.ESCALATION_CHANNEL, topicArn: env.ESCALATION_TOPIC_ARN, sns };
    const services = buildSlackServices({ client, trail, policy, clock, log, escalation });
    const receiver = new AwsLambdaReceiver({ signingSecret, logger: boltLogger(log) });
    createSlackApp({ receiver, token: botToken, services, clientOptions: slackApiUrl });
    log.info('slack app ready', { escalationChannel: Boolean(env.ESCALATION_CHANNEL), topic: Boolean(sns) });
    return receiver.toHandler();
  };

  let ready = started(build, log);
  return async (event, context) => {
    try {
      return await (await ready)(event, context);
    } catch (error) {
      // Secrets not readable (SSM throttled, a parameter missing): the next invocation tries again.
      if (
        await ready.then(
          () => false,
          () => true,
        )
      )
        ready = started(build, log);
      throw error;
    }
  };
}

/** Starts the build now; a failure is logged here and rethrown to the invocation that awaits it. */
function started(build: () => Promise<SlackLambdaHandler>, log: Logger): Promise<SlackLambdaHandler> {
  const promise = build();
  promise.catch((error: unknown) => log.error('slack app not built', { error: describeError(error) }));
  return promise;
}
