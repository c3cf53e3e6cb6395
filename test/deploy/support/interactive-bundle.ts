import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import esbuildConfig from '../../../deploy/esbuild.config.cjs';
import { type SsmServer, startSsmServer } from '../../bot/support/ssm-server';
import { startTestDynamo, type TestDynamo } from '../../support/dynamo';
import { type SlackServer, type SlackServerOptions, startSlackServer } from '../../support/slack-server';
import { type ConnectorServer, startConnectorServer } from '../../teams/support/connector-server';
import { type IdentityServer, startIdentityServer } from '../../teams/support/identity-server';

/*
 * What the bundle tests of the interactive functions (Slack, Teams) run a bundled function against: local
 * stand-ins for Entra, the Bot Connector, DynamoDB (dynalite), SSM and Slack's Web API, the environment that
 * points the bundle's AWS clients at them, and the bundle itself, built with the Lambda bundles' options.
 */

export interface StandIns {
  readonly identity: IdentityServer;
  readonly connector: ConnectorServer;
  readonly dynamo: TestDynamo;
  readonly slack: SlackServer;
  readonly ssm: SsmServer;
  close(): Promise<void>;
}

/**
 * Starts every stand-in; the Bot Connector takes the tokens the local Entra issued.
 *
 * @example
 * const s = await startStandIns({ tableName: 't', parameters: (slack) => ({ '/bot-token': slack.token }) });
 */
export async function startStandIns(options: {
  readonly tableName: string;
  readonly slackUsers?: SlackServerOptions['users'];
  /** The SSM parameters, given the started Slack server (a bot token parameter holds its token). */
  readonly parameters: (slack: SlackServer) => Record<string, string>;
}): Promise<StandIns> {
  const [identity, dynamo, slack] = await Promise.all([
    startIdentityServer(),
    startTestDynamo({ tableName: options.tableName }),
    startSlackServer({
      channels: ['C0ALERTS'],
      ...(options.slackUsers ? { users: options.slackUsers } : {}),
    }),
  ]);
  const connector = await startConnectorServer((token) => identity.issuedTokens.includes(token));
  const ssm = await startSsmServer(options.parameters(slack));
  return {
    identity,
    connector,
    dynamo,
    slack,
    ssm,
    close: async () => {
      await Promise.all([identity.close(), connector.close(), dynamo.close(), ssm.close(), slack.close()]);
    },
  };
}

/** The AWS settings of a bundled function run here: fake credentials, DynamoDB and SSM on their stand-ins. */
export function localAwsEnv(standIns: Pick<StandIns, 'dynamo' | 'ssm'>): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIALOCALLOCALLOCAL0',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamo.endpoint,
    AWS_ENDPOINT_URL_SSM: standIns.ssm.endpoint,
  };
}

/**
 * Bundles `entry` (a file under src/) with the Lambda bundles' esbuild options into `handler.js` of a new folder
 * outside the project (whose package.json says "type": "module", which would make Node read CommonJS as ESM).
 */
export async function bundleForLambda(
  entry: string,
  prefix: string,
): Promise<{ file: string; metafile: Metafile; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'handler.js');
  const result = await build({
    ...esbuildConfig.esbuildOptions,
    entryPoints: [new URL(`../../../${entry}`, import.meta.url).pathname],
    outfile: file,
    metafile: true,
    logLevel: 'error',
  });
  return { file, metafile: result.metafile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
