import type { FunctionSpec } from './spec';
import { slackSecretParamEnvs, teamsConnectionEnvs, teamsFunctionId } from './spec';
import {
  type CloudFormationTemplate,
  canon,
  getAtt,
  type Problem,
  problem,
  prop,
  resourcesOfType,
} from './template';

/**
 * The IAM grants one function needs, derived from its spec and from the template's wiring: its own log
 * group, its on-failure queue, the topic and table its environment names, the SSM parameters it reads.
 */
export interface Grant {
  readonly action: string;
  /** How the allowed resource reads in problem messages. */
  readonly describe: string;
  readonly matches: (resource: unknown) => boolean;
  /** Conditions the statement must carry (operator -> key -> canonical value). */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Allowed, not required (the KMS grant for a customer-managed topic key). */
  readonly optional?: boolean;
}

const sameAs =
  (expected: unknown) =>
  (resource: unknown): boolean =>
    canon(resource) === canon(expected);

const grantsOn = (actions: readonly string[], resource: unknown, extra: Partial<Grant> = {}): Grant[] =>
  actions.map((action) => ({ action, describe: canon(resource), matches: sameAs(resource), ...extra }));

/** A customer-managed key given by ARN (a parameter), never an alias or a wildcard. */
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const isKeyArn = (resource: unknown) => typeof resource === 'string' && KEY_ARN.test(resource);
/** Any key of this account and region: acceptable only with the SSM conditions below. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
const accountKeys = { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' };
const viaService = (service: string) => ({ 'Fn::Sub': `${service}.\${AWS::Region}.amazonaws.com` });

/** The SSM parameter ARN for a parameter name that starts with `/`. */
export const ssmParameterArn = (name: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}`,
});

/** Every grant `spec`'s function needs (or may have), with problems for wiring the grants depend on. */
export function expectedGrants(
  template: CloudFormationTemplate,
  spec: FunctionSpec,
): { grants: Grant[]; problems: Problem[] } {
  const fn = template.Resources[spec.logicalId];
  const env = (prop(fn, 'Properties', 'Environment', 'Variables') ?? {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const grants: Grant[] = [];
  const functionName = prop(fn, 'Properties', 'FunctionName');
  const logGroup = resourcesOfType(template, 'AWS::Logs::LogGroup').find(
    ([, group]) => prop(group, 'Properties', 'LogGroupName') === `/aws/lambda/${String(functionName)}`,
  );
  if (logGroup)
    grants.push(...grantsOn(['logs:CreateLogStream', 'logs:PutLogEvents'], getAtt(logGroup[0], 'Arn')));
  else problems.push(problem('LOGS_MISSING', spec.logicalId, 'no log group /aws/lambda/<function name>'));

  if (spec.asynchronous) {
    const destination = onFailureDestination(template, spec.logicalId);
    if (destination !== undefined) grants.push(...grantsOn(['sqs:SendMessage'], destination));
  }
  if (spec.publishesToEnv) {
    grants.push(...grantsOn(['sns:Publish'], env[spec.publishesToEnv]));
    grants.push(
      ...['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
        action,
        describe: 'the topics’ customer-managed key (by ARN), through SNS',
        matches: isKeyArn,
        conditions: { StringEquals: { 'kms:ViaService': viaService('sns') } },
        optional: true,
      })),
    );
  }
  if (spec.table) grants.push(...tableGrants(env, spec, problems));
  if (spec.slackSecrets) grants.push(...secretGrants(env, spec, problems));
  if (spec.invokesItself) grants.push(...selfInvokeGrants(functionName, spec, problems));
  if (spec.teamsSecret === 'with-teams') grants.push(...withTeamsGrants(template, env, spec, problems));
  else if (spec.teamsSecret) grants.push(...teamsSecretGrants(env, spec, problems));
  if (spec.slackBotToken) grants.push(...slackBotTokenGrants(env, spec, problems));
  return { grants, problems };
}

/** The `OnFailure` destination of a function's EventInvokeConfig, if any. */
export function onFailureDestination(template: CloudFormationTemplate, functionId: string): unknown {
  const config = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').find(
    ([, resource]) => canon(prop(resource, 'Properties', 'FunctionName')) === canon({ Ref: functionId }),
  );
  return prop(config?.[1], 'Properties', 'DestinationConfig', 'OnFailure', 'Destination');
}

/**
 * `lambda:InvokeFunction` on the function's own ARN, written with its name (the function depends on its role,
 * so the role cannot `Fn::GetAtt` it): no other function, no wildcard, no qualifier.
 */
function selfInvokeGrants(functionName: unknown, spec: FunctionSpec, problems: Problem[]): Grant[] {
  if (typeof functionName !== 'string') {
    problems.push(
      problem('FUNCTION_NAME', spec.logicalId, 'invokes itself, so it needs a literal FunctionName'),
    );
    return [];
  }
  const ownArn = {
    'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${functionName}`,
  };
  return grantsOn(['lambda:InvokeFunction'], ownArn);
}

function tableGrants(env: Record<string, unknown>, spec: FunctionSpec, problems: Problem[]): Grant[] {
  const tableId = prop(env.TABLE_NAME, 'Ref');
  if (typeof tableId !== 'string') {
    problems.push(problem('ENV_TABLE', spec.logicalId, 'TABLE_NAME is not a Ref to the table'));
    return [];
  }
  const actions = spec.table?.actions ?? [];
  return [
    ...grantsOn(actions, getAtt(tableId, 'Arn')),
    ...(spec.table?.indexes ? grantsOn(actions, { 'Fn::Sub': `\${${tableId}.Arn}/index/*` }) : []),
  ];
}

function secretGrants(env: Record<string, unknown>, spec: FunctionSpec, problems: Problem[]): Grant[] {
  const names = slackSecretParamEnvs.map((name) => env[name]);
  if (!names.every((name): name is string => typeof name === 'string' && name.startsWith('/'))) {
    problems.push(
      problem('ENV_SECRETS', spec.logicalId, `${slackSecretParamEnvs.join(', ')} must be SSM names`),
    );
    return [];
  }
  const arns = names.map(ssmParameterArn);
  return [
    ...arns.flatMap((arn) => grantsOn(['ssm:GetParameters'], arn)),
    {
      action: 'kms:Decrypt',
      describe: 'the SecureStrings’ key, through SSM, for these two parameters only',
      matches: (resource) => isKeyArn(resource) || canon(resource) === canon(accountKeys),
      conditions: {
        StringEquals: { 'kms:ViaService': viaService('ssm'), 'kms:EncryptionContext:PS_ARN': arns },
      },
    },
  ];
}

/** The Teams client secret: `GetParameter` on its one parameter, decrypted through SSM for it alone. */
function teamsSecretGrants(env: Record<string, unknown>, spec: FunctionSpec, problems: Problem[]): Grant[] {
  const name = env.TEAMS_APP_PASSWORD_PARAM;
  if (name === undefined && spec.teamsSecret === 'when-set') return [];
  return oneSecureParameter(name, 'TEAMS_APP_PASSWORD_PARAM', 'the Teams client secret', spec, problems);
}

/**
 * A function that updates Teams cards only when the Teams function is deployed (the Slack function): then its
 * Teams settings must be the Teams function's (the same bot, the same secret) and it gets the client secret's
 * grants; without the Teams function it must have neither the settings nor (as nothing is expected) the grants.
 */
function withTeamsGrants(
  template: CloudFormationTemplate,
  env: Record<string, unknown>,
  spec: FunctionSpec,
  problems: Problem[],
): Grant[] {
  const teams = template.Resources[teamsFunctionId];
  if (!teams) {
    const set = teamsConnectionEnvs.filter((name) => env[name] !== undefined);
    if (set.length > 0)
      problems.push(
        problem(
          'ENV_TEAMS',
          spec.logicalId,
          `${set.join(', ')} set although the Teams function is not deployed`,
        ),
      );
    return [];
  }
  const teamsEnv = (prop(teams, 'Properties', 'Environment', 'Variables') ?? {}) as Record<string, unknown>;
  for (const name of teamsConnectionEnvs) {
    if (env[name] === undefined || canon(env[name]) !== canon(teamsEnv[name]))
      problems.push(
        problem(
          'ENV_TEAMS',
          spec.logicalId,
          `${name} must be the Teams function's: its responses update Teams cards`,
        ),
      );
  }
  const name = env.TEAMS_APP_PASSWORD_PARAM;
  return oneSecureParameter(name, 'TEAMS_APP_PASSWORD_PARAM', 'the Teams client secret', spec, problems);
}

/** The Slack bot token alone (not the signing secret): `GetParameter`, decrypted through SSM for it alone. */
function slackBotTokenGrants(env: Record<string, unknown>, spec: FunctionSpec, problems: Problem[]): Grant[] {
  const name = env.SLACK_BOT_TOKEN_PARAM;
  return oneSecureParameter(name, 'SLACK_BOT_TOKEN_PARAM', 'the Slack bot token', spec, problems);
}

function oneSecureParameter(
  name: unknown,
  setting: string,
  what: string,
  spec: FunctionSpec,
  problems: Problem[],
): Grant[] {
  if (typeof name !== 'string' || !name.startsWith('/')) {
    problems.push(problem('ENV_SECRETS', spec.logicalId, `${setting} must be an SSM name`));
    return [];
  }
  const arn = ssmParameterArn(name);
  return [
    ...grantsOn(['ssm:GetParameter'], arn),
    {
      action: 'kms:Decrypt',
      describe: `the SecureString’s key, through SSM, for ${what} only`,
      matches: (resource) => isKeyArn(resource) || canon(resource) === canon(accountKeys),
      conditions: {
        StringEquals: { 'kms:ViaService': viaService('ssm'), 'kms:EncryptionContext:PS_ARN': [arn] },
      },
    },
  ];
}
