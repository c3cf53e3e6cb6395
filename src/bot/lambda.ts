import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AwsLambdaReceiver } from '@slack/bolt';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail';
import { createSlackWebClient } from '../adapters/slack/web-client';
import { SnsMessagePublisher } from '../adapters/sns/sns-message-publisher';
import { readSecureParameter } from '../adapters/ssm/ssm-parameter';
import { SsmSecretSource } from '../adapters/ssm/ssm-secret-source';
import { SlackEnvSchema } from '../config/components';
import { parseEnv } from '../config/env';
import type { SecretSource } from '../config/secrets';
import { type Clock, systemClock } from '../shared/clock';
import { describeError } from '../shared/errors';
import { createLogger, type Logger } from '../shared/logger';
import * as z from '../shared/zod';
import { teamsPublisherEnvIfSet } from '../teams/publisher-env';
import { createSlackApp } from './app';
import { boltLogger } from './bolt-logger';
import { eksAuditLambdaServices, withDeferredCommands } from './eks-audit/lambda-wiring';
import { triagePolicyFromEnv } from './policy-config';
import { buildSlackServices } from './services';
import { teamsCardsOnFirstUse } from './teams-cards';

/**
 * The Slack function's environment, plus `SLACK_API_URL` (unset on AWS; local runs and tests only). The optional
 * Teams settings (`TeamsPublisherEnvSchema`: a response made in Slack also updates the alert's Teams cards)
 * are read by `teamsPublisherEnvIfSet`, as the notifier's are.
 */
export const SlackLambdaEnvSchema = z.extend(SlackEnvSchema, {
  SLACK_API_URL: z.optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /api/' })),
  /**
   * Set by Lambda: the function invokes itself under this name to answer `/eks-audit report` after Slack has
   * its acknowledgement. Unset off Lambda: the report is answered in the same invocation.
   */
  AWS_LAMBDA_FUNCTION_NAME: z.optional(
    z
      .string()
      .check(
        z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Lambda function name (1-64 letters, digits, - or _)'),
      ),
  ),
});

/** What the handler is built from; only `env` is required, tests inject the rest. */
export interface SlackLambdaDeps {
  readonly env: NodeJS.ProcessEnv;
  /** Default: from SSM (`SLACK_BOT_TOKEN_PARAM`, `SLACK_SIGNING_SECRET_PARAM`). */
  readonly secrets?: SecretSource;
  /** The Teams client secret. Default: from SSM (`TEAMS_APP_PASSWORD_PARAM`), on the first Teams card to update. */
  readonly teamsAppPassword?: () => Promise<string>;
  /** Default clients honour `AWS_REGION` and `AWS_ENDPOINT_URL_<SERVICE>`. */
  readonly ssm?: SSMClient;
  readonly dynamo?: DynamoDBClient;
  readonly sns?: SNSClient;
  /** For `/eks-audit report`'s hand-over to an asynchronous invocation of the function itself. */
  readonly lambda?: LambdaClient;
  readonly clock?: Clock;
  readonly writeLog?: (line: string) => void;
}

type ReceiverHandler = ReturnType<AwsLambdaReceiver['toHandler']>;

/**
 * API Gateway (HTTP API, payload 2.0) in, the receiver's response out; and the function's own asynchronous
 * invocations (`{ eksAuditDeferredCommand }`, sent by `LambdaSelfInvokeDeferral`), which answer a deferred
 * `/eks-audit report` on its `response_url`.
 */
export interface SlackLambdaHandler {
  (event: Parameters<ReceiverHandler>[0], context: unknown): ReturnType<ReceiverHandler>;
  (
    event: { readonly eksAuditDeferredCommand: unknown },
    context: unknown,
  ): Promise<{ readonly answered: boolean }>;
}
/** Either kind of event; `SlackLambdaHandler`'s overloads type it for callers. */
type AnyHandler = (event: never, context: unknown) => Promise<unknown>;

/**
 * Builds the Slack function: validates the configuration now (a bad setting fails the cold start, naming
 * it), starts reading the Slack secrets from SSM at once (overlapping Lambda's init), and builds the Bolt
 * app on `AwsLambdaReceiver` when they arrive: once per cold start. The receiver checks each request's
 * signature and age before any listener runs. With `AWS_LAMBDA_FUNCTION_NAME` (Lambda sets it),
 * `/eks-audit report` is acknowledged at once and handed to an asynchronous invocation of the function,
 * which this same handler runs (`withDeferredCommands`) and answers on the command's `response_url`. With the
 * Teams settings (`TEAMS_APP_ID`, `TEAMS_TENANT_ID`, `TEAMS_APP_PASSWORD_PARAM`), a response also updates the
 * alert's Teams cards, the client secret being read from SSM on the first Teams card to update.
 *
 * @throws ConfigError naming the setting (TABLE_NAME, ACK_ALLOWED[0], AWS_LAMBDA_FUNCTION_NAME, TEAMS_TENANT_ID, ...)
 * @example
 * export const handler = createSlackLambdaHandler({ env: process.env });
 */
export function createSlackLambdaHandler(deps: SlackLambdaDeps): SlackLambdaHandler {
  const env = parseEnv(SlackLambdaEnvSchema, deps.env, 'slack');
  const teamsEnv = teamsPublisherEnvIfSet(deps.env, 'slack');
  const policy = triagePolicyFromEnv(env);
  const clock = deps.clock ?? systemClock;
  const log = createLogger({ level: env.LOG_LEVEL, clock, write: deps.writeLog });
  const region = env.AWS_REGION ? { region: env.AWS_REGION } : {};
  let ssmClient: SSMClient | undefined;
  const ssm = () => {
    ssmClient ??= deps.ssm ?? new SSMClient(region);
    return ssmClient;
  };
  const secrets =
    deps.secrets ??
    new SsmSecretSource(
      ssm(),
      { botToken: env.SLACK_BOT_TOKEN_PARAM, signingSecret: env.SLACK_SIGNING_SECRET_PARAM },
      () => clock().getTime(),
    );

  const build = async (): Promise<AnyHandler> => {
    const { botToken, signingSecret } = await secrets.slackSecrets();
    const slackApiUrl = env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {};
    const client = createSlackWebClient({ token: botToken, profile: 'interactive', ...slackApiUrl });
    const dynamo = deps.dynamo ?? new DynamoDBClient(region);
    const trail = new DynamoAuditTrail({
      client: dynamo,
      tableName: env.TABLE_NAME,
      retentionDays: env.RETENTION_DAYS,
      onInvalidItem: (key, problem) => log.warn('audit trail item skipped', { key, problem }),
    });
    const sns = env.ESCALATION_TOPIC_ARN
      ? new SnsMessagePublisher(deps.sns ?? new SNSClient(region), { log, retry: { maxAttempts: 2 } })
      : undefined;
    const escalation = { channel: env.ESCALATION_CHANNEL, topicArn: env.ESCALATION_TOPIC_ARN, sns };
    const teamsCards = teamsEnv
      ? teamsCardsOnFirstUse({
          env: teamsEnv,
          appPassword:
            deps.teamsAppPassword ?? (() => readSecureParameter(ssm(), teamsEnv.TEAMS_APP_PASSWORD_PARAM)),
          dynamo,
          tableName: env.TABLE_NAME,
          clock,
        })
      : undefined;
    const services = {
      ...buildSlackServices({ client, trail, policy, clock, log, escalation, teamsCards }),
      ...eksAuditLambdaServices({
        dynamo,
        tableName: env.TABLE_NAME,
        functionName: env.AWS_LAMBDA_FUNCTION_NAME,
        region: env.AWS_REGION,
        log,
        ...(deps.lambda ? { lambda: deps.lambda } : {}),
      }),
    };
    const receiver = new AwsLambdaReceiver({ signingSecret, logger: boltLogger(log) });
    createSlackApp({ receiver, token: botToken, services, clientOptions: slackApiUrl });
    log.info('slack app ready', {
      escalationChannel: Boolean(env.ESCALATION_CHANNEL),
      topic: Boolean(sns),
      teamsCards: teamsCards !== undefined,
      reportDeferral: services.commandDeferral?.name ?? 'none (answered in the same invocation)',
    });
    // The receiver's response (the acknowledgement) only leaves when the invocation ends: `report` is handed
    // to an asynchronous invocation of this function, which arrives here as a deferred-command event.
    return withDeferredCommands(receiver.toHandler(), services);
  };

  let ready = started(build, log);
  const invoke: AnyHandler = async (event, context) => {
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
  // One function for both kinds of event; the overloads say which answer each kind gets.
  return invoke as SlackLambdaHandler;
}

/** Starts the build now; a failure is logged here and rethrown to the invocation that awaits it. */
function started(build: () => Promise<AnyHandler>, log: Logger): Promise<AnyHandler> {
  const promise = build();
  promise.catch((error: unknown) => log.error('slack app not built', { error: describeError(error) }));
  return promise;
}
