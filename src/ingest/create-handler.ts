import { SNSClient } from '@aws-sdk/client-sns';
import type { RetryPolicy } from '../adapters/sns/retry';
import { SnsFindingPublisher } from '../adapters/sns/sns-finding-publisher';
import { parseEnv } from '../config/env';
import { IngestEnvSchema } from '../config/ingest-env';
import type { RuleSet } from '../detect/rules/types';
import { type Clock, systemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import { UnpublishedFindingsError } from './errors';
import { ingestCloudWatchEvent } from './ingest';
import { ingestDetectionConfig, ingestSettings } from './setup';
import { type IngestSummary, summaryFields } from './summary';

/** What the ingest handler is built from; `env` and `loadRules` are required. Tests inject the rest. */
export interface IngestHandlerDeps {
  /** The environment (process.env on Lambda), validated with `IngestEnvSchema`. */
  readonly env: NodeJS.ProcessEnv;
  /**
   * The rule set for RULES_FILE (resolved against `cwd`): on Lambda the one packed into the bundle
   * (`bundledRuleSet`), elsewhere the file itself (`loadIngestRuleSet`, which needs the YAML parser).
   */
  readonly loadRules: (rulesFile: string | undefined, cwd: string) => RuleSet;
  /** Default: `new SNSClient({ region: AWS_REGION })`, which also honours AWS_ENDPOINT_URL_SNS. */
  readonly snsClient?: SNSClient;
  readonly clock?: Clock;
  /** Where log lines go; default standard output. */
  readonly writeLog?: (line: string) => void;
  /** Overrides of the SNS retry policy (tests make the backoff sleep instant). */
  readonly retry?: Partial<RetryPolicy>;
  /** RULES_FILE is resolved against it; default the working directory (/var/task on Lambda). */
  readonly cwd?: string;
}

/** The Lambda context fields the handler reads. */
export interface IngestInvocationContext {
  readonly awsRequestId?: string;
}

/** The ingest Lambda function: a CloudWatch Logs subscription event in, findings to SNS, a summary out. */
export type IngestHandler = (event: unknown, context?: IngestInvocationContext) => Promise<IngestSummary>;

/**
 * Does the cold-start work once (validates the configuration, compiles the rule set, builds the SNS client and
 * logger) and returns the handler. The handler throws only when a finding could not be published, so Lambda
 * retries the batch; a bad event is logged, counted and skipped.
 *
 * @throws ConfigError naming the bad setting (FINDINGS_TOPIC_ARN, RULES_FILE, AUTOMATION_ROLE_ARNS, ...).
 * @example
 * const handler = createIngestHandler({ env: process.env, loadRules: loadIngestRuleSet });
 * await handler({ awslogs: { data } }, { awsRequestId: 'c0ffee' });
 */
export function createIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  const env = parseEnv(IngestEnvSchema, deps.env, 'ingest');
  const clock = deps.clock ?? systemClock;
  const logger = createLogger({ level: env.LOG_LEVEL, clock, write: deps.writeLog });
  const ruleSet = deps.loadRules(env.RULES_FILE, deps.cwd ?? process.cwd());
  const detection = ingestDetectionConfig(env);
  const settings = ingestSettings(env);
  const client = deps.snsClient ?? new SNSClient(env.AWS_REGION ? { region: env.AWS_REGION } : {});
  const retry = deps.retry ?? {};
  logger.info('ingest ready', { rulesSource: ruleSet.source, rules: ruleSet.rules.length });

  return async (event, context) => {
    const log = context?.awsRequestId ? logger.child({ requestId: context.awsRequestId }) : logger;
    // A publisher per invocation (cheap: the client is shared) so its log lines carry the request id too.
    const publisher = new SnsFindingPublisher(client, { topicArn: env.FINDINGS_TOPIC_ARN, log, retry });
    const summary = await ingestCloudWatchEvent(event, {
      publisher,
      ruleSet,
      detection,
      settings,
      clock,
      logger: log,
    });
    if (summary.failed === 0) {
      log.info('ingest summary', summaryFields(summary));
      return summary;
    }
    log.error('ingest summary: findings not published, failing the invocation so Lambda retries the batch', {
      ...summaryFields(summary),
    });
    throw new UnpublishedFindingsError(summary.failures, summary.published);
  };
}
