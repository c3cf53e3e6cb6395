import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import esbuildConfig from '../../deploy/esbuild.config.cjs';
import { packedRulesPlugin } from '../../deploy/packed-rules.cjs';
import { FindingSchema } from '../../src/finding/schema';
import type { IngestHandler } from '../../src/ingest/create-handler';
import { aSubscriptionEvent } from '../fixtures/audit/events';
import { type SnsServer, startSnsServer } from '../support/sns-server';
import { changes } from './batch';

// The ingest handler bundled exactly as it is deployed (deploy/esbuild.config.cjs), loaded from a directory
// that holds nothing else: its rule set must be inside the bundle, packed at build time. It publishes through
// its bundled SDK to the local SNS server, found through AWS_ENDPOINT_URL_SNS as any SDK client would.

const root = new URL('../..', import.meta.url).pathname;
let dir: string;
let sns: SnsServer;
let inputs: string[];
const saved = { ...process.env };

/** Bundles the ingest handler into `dir/<name>/`, with `rulesFile` packed as serverless-esbuild would. */
async function bundle(name: string, rulesFile?: string) {
  const plugins = [...(esbuildConfig.esbuildOptions.plugins ?? []), packedRulesPlugin(root, rulesFile)];
  const options: BuildOptions = { ...esbuildConfig.esbuildOptions, plugins };
  return build({
    ...options,
    entryPoints: [join(root, 'src/ingest/handler.ts')],
    outfile: join(dir, name, 'src/ingest/handler.js'),
    logLevel: 'silent',
    metafile: true,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eks-audit-ingest-bundle-'));
  const result = await bundle('default');
  inputs = Object.keys(result.metafile.inputs);
  sns = await startSnsServer();
}, 120_000);

afterAll(async () => {
  process.env = saved;
  await sns.close();
  rmSync(dir, { recursive: true, force: true });
});

function loadBundle(env: Record<string, string>, name = 'default'): { handler: IngestHandler } {
  process.env = { PATH: saved.PATH, ...env };
  const path = join(dir, name, 'src/ingest/handler.js');
  const load = createRequire(import.meta.url);
  delete load.cache[path];
  return load(path) as { handler: IngestHandler };
}

/** What Lambda would give the function, its SNS endpoint pointed at the local server. */
const lambdaEnv = () => ({
  FINDINGS_TOPIC_ARN: sns.topicArn,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_SNS: sns.endpoint,
  AWS_ACCESS_KEY_ID: 'AKIDTEST',
  AWS_SECRET_ACCESS_KEY: 'test-secret',
  LOG_LEVEL: 'error',
});

describe('The deployed ingest bundle', () => {
  it('runs the built-in default rules and publishes the findings to SNS', async () => {
    const { handler } = loadBundle(lambdaEnv());

    const summary = await handler(aSubscriptionEvent(changes), { awsRequestId: 'bundle-1' });

    expect(summary).toMatchObject({ events: 3, findings: 3, published: 3, failed: 0 });
    const rules = sns.published.map((p) => FindingSchema.parse(JSON.parse(p.message)).rule.id);
    expect(rules).toEqual(['secret-change-protected', 'rbac-binding-privileged-role', 'pod-exec']);
  });

  it('holds neither the YAML parser nor the rules schema: the rules were validated when it was built', () => {
    expect(inputs.some((input) => input.includes('src/ingest/packaged-rules.ts'))).toBe(true);
    expect(
      inputs.filter((input) => /node_modules\/yaml\/|src\/detect\/rules\/(schema|load|yaml)\.ts/.test(input)),
    ).toEqual([]);
  });

  it('runs the rules file it was packaged with, and refuses a RULES_FILE naming another', async () => {
    sns.reset();
    const rulesFile = join(dir, 'exec-only.yaml');
    writeFileSync(
      rulesFile,
      '# only exec\nversion: 1\nrules:\n  - id: team-exec\n    title: Exec\n    severity: low\n    condition: { resources: [pods/exec] }\n',
    );
    await bundle('team', rulesFile);
    const env = lambdaEnv();

    const { handler } = loadBundle({ ...env, RULES_FILE: rulesFile }, 'team');
    const summary = await handler(aSubscriptionEvent(changes), { awsRequestId: 'bundle-2' });

    expect(summary).toMatchObject({ events: 3, findings: 1, published: 1 });
    expect(sns.published.map((p) => FindingSchema.parse(JSON.parse(p.message)).rule.id)).toEqual([
      'team-exec',
    ]);
    expect(() => loadBundle({ ...env, RULES_FILE: join(dir, 'other.yaml') }, 'team')).toThrow(
      /RULES_FILE: .*other\.yaml is not the rules file this function was packaged with \(.*exec-only\.yaml\)/,
    );
    expect(() => loadBundle({ ...env, RULES_FILE: 'rules/team.yaml' })).toThrow(
      /is not the rules file this function was packaged with \(rules\/default-rules\.yaml\)/,
    );
  });

  it('is not built from a broken rules file: the build fails naming the file, line and column', async () => {
    const rulesFile = join(dir, 'broken.yaml');
    writeFileSync(rulesFile, 'version: 1\nrules: [\n');
    await expect(bundle('broken', rulesFile)).rejects.toThrow(
      /rulesFile .*broken\.yaml would fail the ingest function:\n(ConfigError: )?RULES_FILE: invalid rules file\n.*broken\.yaml: line \d+, column \d+: /,
    );
  });

  it('fails to load with a message naming the setting when the configuration is invalid', () => {
    expect(() => loadBundle({ AWS_REGION: 'us-east-1', ACCOUNT_ID: 'prod' })).toThrow(
      /invalid ingest configuration:\n {2}FINDINGS_TOPIC_ARN: .*\n {2}ACCOUNT_ID: must be a 12-digit AWS account id/,
    );
  });
});
