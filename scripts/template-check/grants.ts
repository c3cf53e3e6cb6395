import { type Grant, grantsOn, isKeyArn, viaService } from './grant';
import { secretGrants, slackBotTokenGrants, teamsSecretGrants, withTeamsGrants } from './secret-grants';
import type { FunctionSpec } from './spec';
import {
  type CloudFormationTemplate,
  canon,
  getAtt,
  type Problem,
  problem,
  prop,
  resourcesOfType,
} from './template';

export type { Grant } from './grant';
export { ssmParameterArn } from './grant';

/*
 * The IAM grants one function needs, derived from its spec and from the template's wiring: its own log
 * group, its on-failure queue, the topic and table its environment names, the SSM parameters it reads.
 */

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
