import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import esbuildConfig from '../../deploy/esbuild.config.cjs';
import { FindingSchema } from '../../src/finding/schema';
import type { IngestHandler } from '../../src/ingest/create-handler';
import { aSubscriptionEvent } from '../fixtures/audit/events';
import { type SnsServer, startSnsServer } from '../support/sns-server';
import { changes } from './batch';

// The ingest handler bundled exactly as it is deployed (deploy/esbuild.config.cjs), loaded from a directory
// that holds nothing else: the default rule set must be inside the bundle. It publishes through its bundled
// SDK to the local SNS server, found through AWS_ENDPOINT_URL_SNS as any SDK client would.

let dir: string;
let sns: SnsServer;
const saved = { ...process.env };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eks-audit-ingest-bundle-'));
  await build({
    ...esbuildConfig.esbuildOptions,
    entryPoints: [new URL('../../src/ingest/handler.ts', import.meta.url).pathname],
    outfile: join(dir, 'src/ingest/handler.js'),
    logLevel: 'error',
  });
  sns = await startSnsServer();
}, 120_000);

afterAll(async () => {
  process.env = saved;
  await sns.close();
  rmSync(dir, { recursive: true, force: true });
});

function loadBundle(env: Record<string, string>): { handler: IngestHandler } {
  process.env = { PATH: saved.PATH, ...env };
  const path = join(dir, 'src/ingest/handler.js');
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

  it('reads a custom YAML rules file with the YAML parser it loads on first use, from inside the bundle', async () => {
    // The bundle initialises the `yaml` library only when a custom RULES_FILE is parsed (src/detect/rules/yaml.ts):
    // this is the path where the lazily loaded parser must still be there, and report YAML errors by line.
    sns.reset();
    writeFileSync(
      join(dir, 'exec-only.yaml'),
      '# only exec\nversion: 1\nrules:\n  - id: team-exec\n    title: Exec\n    severity: low\n    condition: { resources: [pods/exec] }\n',
    );
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nrules: [\n');
    const env = lambdaEnv();

    const { handler } = loadBundle({ ...env, RULES_FILE: join(dir, 'exec-only.yaml') });
    const summary = await handler(aSubscriptionEvent(changes), { awsRequestId: 'bundle-2' });

    expect(summary).toMatchObject({ events: 3, findings: 1, published: 1 });
    expect(sns.published.map((p) => FindingSchema.parse(JSON.parse(p.message)).rule.id)).toEqual([
      'team-exec',
    ]);
    expect(() => loadBundle({ ...env, RULES_FILE: join(dir, 'broken.yaml') })).toThrow(
      /RULES_FILE: invalid rules file\n.*broken\.yaml: line \d+, column \d+: /,
    );
  });

  it('fails to load with a message naming the setting when the configuration is invalid', () => {
    expect(() => loadBundle({ AWS_REGION: 'us-east-1', ACCOUNT_ID: 'prod' })).toThrow(
      /invalid ingest configuration:\n {2}FINDINGS_TOPIC_ARN: .*\n {2}ACCOUNT_ID: must be a 12-digit AWS account id/,
    );
  });
});
