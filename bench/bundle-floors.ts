import { build } from 'esbuild';
import esbuildConfig from '../deploy/esbuild.config.cjs';
import { projectRoot } from '../scripts/package-service';

/**
 * The "floor" of each Lambda bundle for bench/bundles.ts: only the third-party clients the function constructs
 * when it loads, bundled with the same esbuild options as the function, and none of our code. What loading it
 * costs is the part of a load-time budget the required libraries take on their own.
 */
export interface Floor {
  /** What the floor holds, printed beside its row. */
  readonly label: string;
  /** The module's source (CommonJS-free ESM, resolved from the project root). */
  readonly source: string;
}

const sns = `import { SNSClient, PublishCommand, PublishBatchCommand } from '@aws-sdk/client-sns';
export const sns = [new SNSClient({}), PublishCommand, PublishBatchCommand];`;
const dynamo = `import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
export const dynamo = [new DynamoDBClient({}), GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand];`;
const ssm = `import { SSMClient, GetParametersCommand, GetParameterCommand } from '@aws-sdk/client-ssm';
export const ssm = [new SSMClient({}), GetParametersCommand, GetParameterCommand];`;
// The notifier builds its WebClient on its first card (the token comes from SSM), so only the module loads.
const webModule = `import { WebClient } from '@slack/web-api';
export const web = WebClient;`;
const bolt = `import { App, AwsLambdaReceiver } from '@slack/bolt';
const receiver = new AwsLambdaReceiver({ signingSecret: 'floor' });
export const app = new App({ receiver, token: 'xoxb-floor', tokenVerificationEnabled: false });`;
const lambda = `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
export const lambda = [new LambdaClient({}), InvokeCommand];`;
const teams = `import { App } from '@microsoft/teams.apps';
export const App_ = App;`;

/** Per function (the bench's names): its floor. */
export const floors: Readonly<Record<string, Floor>> = {
  ingest: { label: 'SNS client', source: sns },
  notifier: {
    label: 'DynamoDB + SSM clients, Slack WebClient module',
    source: [dynamo, ssm, webModule].join('\n'),
  },
  slack: {
    label: 'Bolt on AwsLambdaReceiver, DynamoDB + SSM + SNS + Lambda clients',
    source: [bolt, dynamo, ssm, sns, lambda].join('\n'),
  },
  teams: {
    label: 'Teams SDK App, DynamoDB + SSM + SNS clients',
    source: [teams, dynamo, ssm, sns].join('\n'),
  },
};

/** Bundles `fn`'s floor into `outfile`; returns its size in bytes. */
export async function buildFloor(fn: string, outfile: string): Promise<{ bytes: number }> {
  const floor = floors[fn];
  if (!floor) throw new Error(`no floor for ${fn}`);
  const result = await build({
    ...esbuildConfig.esbuildOptions,
    // Named as if under the function's source folder: the Teams-only trims of the esbuild config apply to it too.
    stdin: {
      contents: floor.source,
      resolveDir: projectRoot,
      sourcefile: `src/${fn}/floor.ts`,
      loader: 'ts',
    },
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { bytes: output?.bytes ?? 0 };
}
