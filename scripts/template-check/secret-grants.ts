import { accountKeys, type Grant, grantsOn, isKeyArn, ssmParameterArn, viaService } from './grant';
import type { FunctionSpec } from './spec';
import { slackSecretParamEnvs, teamsConnectionEnvs, teamsFunctionId } from './spec';
import { type CloudFormationTemplate, canon, type Problem, problem, prop } from './template';

/*
 * The grants of the SSM SecureStrings a function reads (Slack secrets, the Teams client secret): the parameter
 * itself, and kms:Decrypt only through SSM and only for that parameter.
 */

/** The Slack bot token and signing secret: `GetParameters` on each, decrypted through SSM for these two only. */
export function secretGrants(env: Record<string, unknown>, spec: FunctionSpec, problems: Problem[]): Grant[] {
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
export function teamsSecretGrants(
  env: Record<string, unknown>,
  spec: FunctionSpec,
  problems: Problem[],
): Grant[] {
  const name = env.TEAMS_APP_PASSWORD_PARAM;
  if (name === undefined && spec.teamsSecret === 'when-set') return [];
  return oneSecureParameter(name, 'TEAMS_APP_PASSWORD_PARAM', 'the Teams client secret', spec, problems);
}

/**
 * A function that updates Teams cards only when the Teams function is deployed (the Slack function): then its
 * Teams settings must be the Teams function's (the same bot, the same secret) and it gets the client secret's
 * grants; without the Teams function it must have neither the settings nor (as nothing is expected) the grants.
 */
export function withTeamsGrants(
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
export function slackBotTokenGrants(
  env: Record<string, unknown>,
  spec: FunctionSpec,
  problems: Problem[],
): Grant[] {
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
