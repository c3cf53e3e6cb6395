import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoAlertFacts } from '../adapters/dynamodb/alert-facts';
import { DynamoAuditTrail } from '../adapters/dynamodb/audit-trail';
import { DynamoConversationReferenceStore } from '../adapters/dynamodb/teams-conversations';
import { SnsEscalationNotifier } from '../adapters/sns/sns-escalation-notifier';
import { SnsMessagePublisher } from '../adapters/sns/sns-message-publisher';
import { readSecureParameter } from '../adapters/ssm/ssm-parameter';
import { EntraTokenSource } from '../adapters/teams/entra-token';
import { triagePolicyFromEnv } from '../bot/policy-config';
import { parseEnv } from '../config/env';
import { type Clock, systemClock } from '../shared/clock';
import { describeError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { createTeamsBot, type TeamsBot } from './app';
import { TeamsEnvSchema, teamsCloud } from './config';
import type { HttpApiResult } from './lambda-adapter';
import { slackCardsOnFirstUse } from './slack-cards';

/** What the handler is built from; only `env` is required, tests inject the rest. */
export interface TeamsLambdaDeps {
  readonly env: NodeJS.ProcessEnv;
  /** Default: read from SSM (`TEAMS_APP_PASSWORD_PARAM`). */
  readonly appPassword?: () => Promise<string>;
  /** Default: read from SSM (`SLACK_BOT_TOKEN_PARAM`, when set), on the first Slack card to update. */
  readonly slackBotToken?: () => Promise<string>;
  /** Default clients honour `AWS_REGION` and `AWS_ENDPOINT_URL_<SERVICE>`. */
  readonly ssm?: SSMClient;
  readonly dynamo?: DynamoDBClient;
  readonly sns?: SNSClient;
  readonly clock?: Clock;
  readonly writeLog?: (line: string) => void;
}

export type TeamsLambdaHandler = (event: unknown) => Promise<HttpApiResult>;

/**
 * Builds the Teams function: validates the configuration now (a bad setting fails the cold start, naming it),
 * starts reading the client secret from SSM at once, and builds the bot when it arrives: once per cold
 * start. If the secret cannot be read, the next invocation tries again. With `SLACK_BOT_TOKEN_PARAM`, a
 * response also updates the alert's Slack cards; that token is read when the first one is updated.
 *
 * @throws ConfigError naming the setting (TEAMS_APP_ID, ACK_ALLOWED[0], ...)
 * @example
 * export const handler = createTeamsLambdaHandler({ env: process.env });
 */
export function createTeamsLambdaHandler(deps: TeamsLambdaDeps): TeamsLambdaHandler {
  const env = parseEnv(TeamsEnvSchema, deps.env, 'teams');
  const policy = triagePolicyFromEnv(env);
  const clock = deps.clock ?? systemClock;
  const log = createLogger({ level: env.LOG_LEVEL, clock, write: deps.writeLog });
  const region = env.AWS_REGION ? { region: env.AWS_REGION } : {};
  const ssm = deps.ssm ?? new SSMClient(region);
  const appPassword = deps.appPassword ?? (() => readSecureParameter(ssm, env.TEAMS_APP_PASSWORD_PARAM));
  const slackTokenParam = env.SLACK_BOT_TOKEN_PARAM;
  const slackCards = slackTokenParam
    ? slackCardsOnFirstUse({
        botToken: deps.slackBotToken ?? (() => readSecureParameter(ssm, slackTokenParam)),
        slackApiUrl: env.SLACK_API_URL,
        log,
      })
    : undefined;

  const build = async (): Promise<TeamsBot> => {
    const dynamo = deps.dynamo ?? new DynamoDBClient(region);
    const tokens = new EntraTokenSource({
      credentials: {
        appId: env.TEAMS_APP_ID,
        appPassword: await appPassword(),
        tenantId: env.TEAMS_TENANT_ID,
      },
      loginEndpoint: env.TEAMS_LOGIN_ENDPOINT,
      nowMs: () => clock().getTime(),
    });
    const onInvalidItem = (key: string, problem: string) =>
      log.warn('audit trail item skipped', { key, problem });
    const sns = env.ESCALATION_TOPIC_ARN
      ? new SnsMessagePublisher(deps.sns ?? new SNSClient(region), { log, retry: { maxAttempts: 2 } })
      : undefined;
    const bot = await createTeamsBot({
      appId: env.TEAMS_APP_ID,
      tenantId: env.TEAMS_TENANT_ID,
      cloud: teamsCloud(env),
      tokens,
      trail: new DynamoAuditTrail({
        client: dynamo,
        tableName: env.TABLE_NAME,
        retentionDays: env.RETENTION_DAYS,
        onInvalidItem,
      }),
      facts: new DynamoAlertFacts({ client: dynamo, tableName: env.TABLE_NAME, onInvalidItem }),
      policy,
      conversations: new DynamoConversationReferenceStore({ client: dynamo, tableName: env.TABLE_NAME }),
      escalations:
        sns && env.ESCALATION_TOPIC_ARN ? [new SnsEscalationNotifier(sns, env.ESCALATION_TOPIC_ARN)] : [],
      slackCards,
      defaultServiceUrl: env.TEAMS_SERVICE_URL,
      clock,
      log,
    });
    log.info('teams bot ready', { topic: Boolean(sns), slackCards: Boolean(slackCards) });
    return bot;
  };

  let ready = started(build, log);
  return async (event) => {
    try {
      return await (await ready).handle(event);
    } catch (error) {
      const failedToStart = await ready.then(
        () => false,
        () => true,
      );
      if (failedToStart) ready = started(build, log);
      throw error;
    }
  };
}

function started(build: () => Promise<TeamsBot>, log: ReturnType<typeof createLogger>): Promise<TeamsBot> {
  const promise = build();
  promise.catch((error: unknown) => log.error('teams bot could not start', { error: describeError(error) }));
  return promise;
}
