/**
 * What each deployed function is, and what it needs. The IAM check derives every allowed grant from this
 * and from the template's own wiring (the function's log group, its environment, its on-failure queue), so a
 * role may do exactly what its function does, on exactly the resources that function is wired to.
 */

export interface FunctionSpec {
  /** The osls logical id of the `AWS::Lambda::Function`. */
  readonly logicalId: string;
  readonly handler: string;
  /** Invoked asynchronously (CloudWatch Logs, SNS): needs retries, an on-failure queue and alarms on both. */
  readonly asynchronous: boolean;
  /** The environment variable holding the one SNS topic it may publish to. */
  readonly publishesToEnv?: string;
  /** DynamoDB actions on the table named by its `TABLE_NAME`, and whether on its indexes too. */
  readonly table?: { readonly actions: readonly string[]; readonly indexes: boolean };
  /** Reads the Slack secrets from the SSM parameters named by `SLACK_*_PARAM`. */
  readonly slackSecrets: boolean;
  /**
   * Hands work to asynchronous invocations of itself (`/eks-audit report`, `LambdaSelfInvokeDeferral`):
   * `lambda:InvokeFunction` on its own ARN (by name), and no retries of those invocations.
   */
  readonly invokesItself?: boolean;
}

/** The three functions of serverless.yml. */
export const functionSpecs: readonly FunctionSpec[] = [
  {
    logicalId: 'IngestLambdaFunction',
    handler: 'src/ingest/handler.handler',
    asynchronous: true,
    publishesToEnv: 'FINDINGS_TOPIC_ARN',
    slackSecrets: false,
  },
  {
    logicalId: 'NotifierLambdaFunction',
    handler: 'src/bot/notifier-handler.handler',
    asynchronous: true,
    // DynamoAuditTrail.createAlert: a conditional PutItem, and on a redelivery getAlert (a Query on the alert's
    // partition of the table, not an index); recordMessage: UpdateItem, GetItem to explain a failed condition.
    table: {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      indexes: false,
    },
    slackSecrets: true,
  },
  {
    logicalId: 'SlackLambdaFunction',
    handler: 'src/bot/slack-handler.handler',
    asynchronous: false,
    publishesToEnv: 'ESCALATION_TOPIC_ARN',
    // respond/recordMessage: UpdateItem; recordRefusal: PutItem of a refusal item; getAlert and the
    // /eks-audit listings: GetItem and Query (table and indexes).
    table: {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      indexes: true,
    },
    slackSecrets: true,
    // `/eks-audit report`, answered after the acknowledgement by an asynchronous invocation of itself.
    invokesItself: true,
  },
];

/** The Slack function's route on the HTTP API. */
export const slackRouteKey = 'POST /slack/events';

/** Environment variables that hold SSM parameter names of the Slack secrets. */
export const slackSecretParamEnvs = ['SLACK_BOT_TOKEN_PARAM', 'SLACK_SIGNING_SECRET_PARAM'] as const;

/** What the packaging run was asked for, to compare with what the template does. */
export interface TemplateExpectations {
  /** The CloudWatch filter pattern every subscription must carry (the resolved `filterPattern` parameter). */
  readonly filterPattern: string;
  /** The log groups subscribed, in any order. */
  readonly logGroups: readonly string[];
  /** When set, every alarm must notify this topic. */
  readonly alarmTopicArn?: string;
}
