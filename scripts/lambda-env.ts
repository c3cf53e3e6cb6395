import { type CloudFormationTemplate, prop, resolveConditions } from './template-check/template';

/** Where every AWS endpoint points when a bundle runs off Lambda: a closed local port, so calls fail fast. */
export const CLOSED_ENDPOINT = 'http://127.0.0.1:9';

/**
 * The environment Lambda would give a packaged function, for running its bundle locally (bench, smoke tests):
 * the template's variables with references replaced by plausible values, fake credentials, and every AWS
 * endpoint on a closed local port (the Slack function reads SSM as soon as it loads: that call fails at once
 * instead of reaching the network).
 *
 * @example
 * spawnSync('node', ['-e', "require('./src/ingest/handler.js')"], { env: lambdaEnv(template, 'IngestLambdaFunction') });
 */
export function lambdaEnv(template: CloudFormationTemplate, logicalId: string): NodeJS.ProcessEnv {
  const resolved = resolveConditions(template);
  const variables = (prop(resolved.Resources[logicalId], 'Properties', 'Environment', 'Variables') ??
    {}) as Record<string, unknown>;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    LAMBDA_TASK_ROOT: '.',
    AWS_ACCESS_KEY_ID: 'AKIALOCALLOCALLOCAL0',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: CLOSED_ENDPOINT,
  };
  for (const [name, value] of Object.entries(variables)) {
    const ref = prop(value, 'Ref');
    if (typeof value === 'string') env[name] = value;
    else if (ref === 'AWS::AccountId') env[name] = '123456789012';
    else if (typeof ref === 'string' && resolved.Resources[ref]?.Type === 'AWS::SNS::Topic') {
      env[name] = `arn:aws:sns:us-east-1:123456789012:${ref}`;
    } else env[name] = String(ref ?? name);
  }
  return env;
}
