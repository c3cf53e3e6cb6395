import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import esbuildConfig from '../../deploy/esbuild.config.cjs';
import { type FunctionSpec, functionSpecs } from '../../scripts/template-check/spec';

/*
 * Each function's IAM grants (deploy/resources/roles.yml, specified in scripts/template-check/spec.ts) must
 * keep up with the AWS calls its code makes: the test bundles each handler as the deploy does, reads which
 * adapter files end up in the bundle, and lists the SDK commands they send. A new command fails here until
 * the function's role grants it.
 */

const root = new URL('../../', import.meta.url);

/** Commands only the local store's setup sends; the deployed table is CloudFormation's. */
const localOnly = new Set(['dynamodb:CreateTable', 'dynamodb:DescribeTable']);
/** IAM authorises PublishBatch with sns:Publish, and Lambda's Invoke API with lambda:InvokeFunction. */
const iamName: Readonly<Record<string, string>> = {
  'sns:PublishBatch': 'sns:Publish',
  'lambda:Invoke': 'lambda:InvokeFunction',
};
const services: Readonly<Record<string, string>> = {
  dynamodb: 'dynamodb',
  sns: 'sns',
  ssm: 'ssm',
  lambda: 'lambda',
};

/** The IAM actions the SDK commands in the bundled adapter files need. */
async function actionsOfBundle(handler: string): Promise<Set<string>> {
  const entry = new URL(`${handler.slice(0, handler.lastIndexOf('.'))}.ts`, root).pathname;
  const result = await build({
    ...esbuildConfig.esbuildOptions,
    entryPoints: [entry],
    metafile: true,
    write: false,
  });
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  const actions = new Set<string>();
  for (const [file, info] of Object.entries(output?.inputs ?? {})) {
    const service = file.match(/^src\/adapters\/(\w+)\//)?.[1];
    if (!service || !services[service] || info.bytesInOutput === 0) continue;
    for (const match of readFileSync(new URL(file, root), 'utf8').matchAll(/new (\w+)Command\(/g)) {
      const action = `${services[service]}:${match[1]}`;
      if (!localOnly.has(action)) actions.add(iamName[action] ?? action);
    }
  }
  return actions;
}

/** What the spec grants a function, by service. */
function granted(spec: FunctionSpec): Set<string> {
  return new Set([
    ...(spec.table?.actions ?? []),
    ...(spec.publishesToEnv ? ['sns:Publish'] : []),
    ...(spec.slackSecrets ? ['ssm:GetParameters'] : []),
    ...(spec.teamsSecret ? ['ssm:GetParameter'] : []),
    ...(spec.slackBotToken ? ['ssm:GetParameter'] : []),
    ...(spec.invokesItself ? ['lambda:InvokeFunction'] : []),
  ]);
}

const needed = new Map<string, Set<string>>();

beforeAll(async () => {
  for (const spec of functionSpecs) needed.set(spec.logicalId, await actionsOfBundle(spec.handler));
}, 120_000);

describe('IAM coverage of each function’s AWS calls', () => {
  it.each(functionSpecs.map((spec) => [spec.logicalId, spec] as const))(
    '%s is granted exactly the DynamoDB, SNS, SSM and Lambda calls its bundle makes',
    (_, spec) => {
      expect(granted(spec)).toEqual(needed.get(spec.logicalId));
    },
  );

  it('finds the calls it looks for (ingest publishes, the notifier writes, the Slack function queries and invokes itself)', () => {
    expect([...(needed.get('IngestLambdaFunction') ?? [])]).toEqual(['sns:Publish']);
    expect([...(needed.get('NotifierLambdaFunction') ?? [])]).toContain('dynamodb:PutItem');
    expect([...(needed.get('SlackLambdaFunction') ?? [])]).toContain('dynamodb:Query');
    expect([...(needed.get('TeamsLambdaFunction') ?? [])]).toEqual(
      expect.arrayContaining(['ssm:GetParameter', 'sns:Publish', 'dynamodb:Query']),
    );
    expect([...(needed.get('SlackLambdaFunction') ?? [])]).toContain('lambda:InvokeFunction');
  });
});
