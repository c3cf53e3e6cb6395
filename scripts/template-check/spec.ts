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
  /**
   * Reads the Teams client secret (`GetParameter`) from the SSM parameter named by `TEAMS_APP_PASSWORD_PARAM`:
   * `always`, `when-set` (the notifier, when its environment names the parameter: Teams configured), or
   * `with-teams` (the Slack function, to update an alert's Teams cards: exactly when the Teams function is
   * deployed, with that function's Teams settings; never without it).
   */
  readonly teamsSecret?: 'always' | 'when-set' | 'with-teams';
  /**
   * Reads the Slack bot token alone (`GetParameter`) from the SSM parameter named by `SLACK_BOT_TOKEN_PARAM`,
   * to update an alert's Slack cards after a response made elsewhere (the Teams function).
   */
  readonly slackBotToken?: boolean;
  /** Its route on the HTTP API (`METHOD /path`), for a function behind API Gateway. */
  readonly httpRoute?: string;
  /** Exists only when the `teamsAppId` parameter is set (condition HasTeams); absent otherwise. */
  readonly onlyWithTeams?: boolean;
}

/** The Slack function's route on the HTTP API. */
export const slackRouteKey = 'POST /slack/events';

/** The Teams function's logical id: a template has it exactly when `teamsAppId` is set. */
export const teamsFunctionId = 'TeamsLambdaFunction';

/** The Teams settings a function that posts or updates Teams cards shares with the Teams function. */
export const teamsConnectionEnvs = ['TEAMS_APP_ID', 'TEAMS_TENANT_ID', 'TEAMS_APP_PASSWORD_PARAM'] as const;

/** The Teams function's route on the HTTP API: the Azure Bot's messaging endpoint. */
export const teamsRouteKey = 'POST /api/messages';

/** The functions of serverless.yml (the Teams one only with `teamsAppId`). */
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
    // createTeamsCardPublisher: the client secret; its conversation references are GetItem on the table.
    teamsSecret: 'when-set',
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
    // A Slack response updates the alert's Teams cards too (src/bot/teams-cards.ts): the client secret, and
    // the conversation references (GetItem on the table, above). Only when the Teams function is deployed.
    teamsSecret: 'with-teams',
    httpRoute: slackRouteKey,
  },
  {
    logicalId: teamsFunctionId,
    handler: 'src/teams/handler.handler',
    asynchronous: false,
    publishesToEnv: 'ESCALATION_TOPIC_ARN',
    // As the Slack function (trail, /eks-audit listings and the report's facts on the indexes), plus the
    // conversation references (GetItem, PutItem).
    table: {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      indexes: true,
    },
    slackSecrets: false,
    teamsSecret: 'always',
    // A Teams response updates the alert's Slack cards too (src/teams/slack-cards.ts).
    slackBotToken: true,
    httpRoute: teamsRouteKey,
    onlyWithTeams: true,
  },
];

/**
 * The specs of the functions this template deploys: every function, but the Teams one only when the template
 * has it (a template packaged without `teamsAppId` has none; `checkTeamsPresence` checks which was asked for).
 *
 * @example
 * specsIn(resolveConditions(template)).map((s) => s.logicalId) // ['IngestLambdaFunction', ...]
 */
export function specsIn(template: { readonly Resources: Record<string, unknown> }): FunctionSpec[] {
  return functionSpecs.filter((spec) => !spec.onlyWithTeams || spec.logicalId in template.Resources);
}

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
  /** Whether the Teams function must be there (`teamsAppId` set) or absent; unchecked when undefined. */
  readonly teams?: boolean;
}
