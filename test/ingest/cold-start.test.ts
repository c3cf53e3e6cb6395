import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES_MODULE_PATH, renderDefaultRulesModule } from '../../scripts/embed-default-rules';
import { packRuleSet } from '../../src/detect/rules/load';
import { PACKED_RULES_FORMAT, type PackedRuleSet } from '../../src/detect/rules/packed';
import { FindingSchema } from '../../src/finding/schema';
import { bundledRuleSet } from '../../src/ingest/bundled-rules';
import { createIngestHandler } from '../../src/ingest/create-handler';
import { DEFAULT_RULES } from '../../src/ingest/default-rules';
import { loadIngestRuleSet } from '../../src/ingest/rules-file';
import { ConfigError } from '../../src/shared/errors';
import { aSubscriptionEvent } from '../fixtures/audit/events';
import { testSnsClient } from '../support/sns-client';
import { type SnsServer, startSnsServer } from '../support/sns-server';
import { changes, podExec, secretDelete } from './batch';

// The cold start: configuration validated before any event is read, with errors that name the setting; the
// rule set chosen by RULES_FILE; and the exported `handler` itself, built from process.env at import time and
// pointed at the local SNS through the SDK's standard AWS_ENDPOINT_URL_SNS variable.

const root = resolve(import.meta.dirname, '../..');
let sns: SnsServer;
let lines: string[];
let dir: string;

beforeAll(async () => {
  sns = await startSnsServer();
  dir = mkdtempSync(join(tmpdir(), 'ingest-rules-'));
});
afterAll(async () => {
  await sns.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sns.reset();
  lines = [];
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

function build(env: Record<string, string | undefined>) {
  return createIngestHandler({
    env: { FINDINGS_TOPIC_ARN: sns.topicArn, AWS_REGION: 'eu-west-1', ...env },
    loadRules: loadIngestRuleSet,
    snsClient: testSnsClient(sns.endpoint),
    writeLog: (line) => lines.push(line),
    cwd: dir,
  });
}
const coldStartError = (env: Record<string, string | undefined>) => {
  try {
    build(env);
  } catch (error) {
    return error;
  }
  throw new Error('the handler was built');
};

describe('Ingest handler at cold start', () => {
  it('fails with a ConfigError naming FINDINGS_TOPIC_ARN when it is missing or not an ARN', () => {
    for (const value of [undefined, 'findings']) {
      const error = coldStartError({ FINDINGS_TOPIC_ARN: value });
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^invalid ingest configuration:\n {2}FINDINGS_TOPIC_ARN: /);
    }
  });

  it('names every bad setting at once', () => {
    const error = coldStartError({ ACCOUNT_ID: '1234', LOG_LEVEL: 'verbose' }) as Error;
    expect(error.message).toContain('ACCOUNT_ID: must be a 12-digit AWS account id');
    expect(error.message).toContain('LOG_LEVEL: ');
  });

  it('names AUTOMATION_ROLE_ARNS when one of its patterns would match every identity', () => {
    const error = coldStartError({ AUTOMATION_ROLE_ARNS: 'arn:aws:iam::*:role/deployer, *' });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      'AUTOMATION_ROLE_ARNS: a pattern of only `*` would match every identity',
    );
  });

  it('names RULES_FILE when the file is missing, and the rule and field when it is invalid', () => {
    const missing = coldStartError({ RULES_FILE: 'rules/absent.yaml' }) as Error;
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.message).toMatch(
      /^RULES_FILE: invalid rules file\nrules\/absent.yaml: cannot read the rules file/,
    );

    writeFileSync(
      join(dir, 'bad.yaml'),
      'version: 1\nrules:\n  - id: oops\n    title: Oops\n    severity: urgent\n    condition: { verbs: [delete] }\n',
    );
    const invalid = coldStartError({ RULES_FILE: 'bad.yaml' }) as Error;
    expect(invalid.message).toContain("bad.yaml: rule 'oops' (#1): severity: ");
  });

  it('runs the rules file RULES_FILE names, relative to the function directory', async () => {
    writeFileSync(
      join(dir, 'exec-only.yaml'),
      'version: 1\nrules:\n  - id: team-exec\n    title: Exec\n    severity: low\n    condition: { resources: [pods/exec] }\n',
    );
    const summary = await build({ RULES_FILE: 'exec-only.yaml' })(aSubscriptionEvent(changes));

    expect(summary.findings).toBe(1);
    expect(sns.published.map((p) => FindingSchema.parse(JSON.parse(p.message)).rule.id)).toEqual([
      'team-exec',
    ]);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      message: 'ingest ready',
      rulesSource: 'exec-only.yaml',
      rules: 1,
    });
  });

  it('runs the built-in default rule set when RULES_FILE is unset, the same as the repository file', async () => {
    const fromFile = createIngestHandler({
      env: { FINDINGS_TOPIC_ARN: sns.topicArn, RULES_FILE: 'rules/default-rules.yaml' },
      loadRules: loadIngestRuleSet,
      snsClient: testSnsClient(sns.endpoint),
      writeLog: () => {},
      cwd: root,
    });
    const builtIn = build({});
    const event = aSubscriptionEvent(changes);
    expect(await builtIn(event)).toEqual(await fromFile(event));
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      rulesSource: 'rules/default-rules.yaml (built in)',
    });
  });
});

describe('The packed default rule set', () => {
  it('is rules/default-rules.yaml packed (run `npx tsx scripts/embed-default-rules.ts` when not)', () => {
    const yaml = readFileSync(join(root, 'rules/default-rules.yaml'), 'utf8');
    expect(DEFAULT_RULES).toEqual(packRuleSet(yaml, 'rules/default-rules.yaml'));
    expect(readFileSync(join(root, DEFAULT_RULES_MODULE_PATH), 'utf8')).toBe(renderDefaultRulesModule(yaml));
  });

  it('survives quotes, backslashes, backticks and ${ in the rules', async () => {
    const yaml =
      'rules:\n  - id: quoted\n    title: "it\'s `code` and $' +
      '{not a placeholder}"\n    severity: low\n' +
      "    condition: { pattern: '%\\\\d+%', resources: [pods/exec] }\n";
    const file = join(dir, 'embedded.ts');
    writeFileSync(file, renderDefaultRulesModule(yaml));
    const loaded = (await import(file)) as { DEFAULT_RULES: PackedRuleSet };
    expect(loaded.DEFAULT_RULES).toEqual(packRuleSet(yaml, 'rules/default-rules.yaml'));
    expect(loaded.DEFAULT_RULES.rules[0]?.spec).toMatchObject({
      title: "it's `code` and $" + '{not a placeholder}',
      condition: { pattern: '%\\\\d+%' },
    });
  });
});

describe('The rule set of the deployed function (bundledRuleSet)', () => {
  const team: PackedRuleSet = packRuleSet(
    'rules:\n  - id: team-exec\n    title: Exec\n    severity: low\n    condition: { resources: [pods/exec] }\n  - id: off\n    title: Off\n    severity: low\n    enabled: false\n    condition: { verbs: [get] }\n',
    'rules/team.yaml',
  );

  it('is the packed file, named by RULES_FILE as the template sets it, disabled rules left out', () => {
    expect(team).toMatchObject({ format: PACKED_RULES_FORMAT, file: 'rules/team.yaml' });
    const ruleSet = bundledRuleSet(team, 'rules/team.yaml');
    expect(ruleSet.source).toBe('rules/team.yaml');
    expect(ruleSet.rules.map((r) => [r.id, r.position])).toEqual([['team-exec', 1]]);
    expect(bundledRuleSet(team, './rules/team.yaml').rules).toHaveLength(1);
    expect(bundledRuleSet(team, undefined).source).toBe('rules/team.yaml (packaged)');
    expect(bundledRuleSet(DEFAULT_RULES, undefined).source).toBe('rules/default-rules.yaml (built in)');
  });

  it('refuses a RULES_FILE naming another file than the one packed, instead of ignoring it', () => {
    expect(() => bundledRuleSet(DEFAULT_RULES, 'rules/team.yaml')).toThrow(ConfigError);
    expect(() => bundledRuleSet(DEFAULT_RULES, 'rules/team.yaml')).toThrow(
      /^RULES_FILE: rules\/team\.yaml is not the rules file this function was packaged with \(rules\/default-rules\.yaml\)\. .*set the rulesFile parameter and deploy/,
    );
  });

  it('refuses packed rules of another format (a bundle built by another version)', () => {
    const other = { ...team, format: 'eks-audit-bot/packed-rules@0' } as unknown as PackedRuleSet;
    expect(() => bundledRuleSet(other, undefined)).toThrow(/format eks-audit-bot\/packed-rules@0, expected/);
  });

  it('matches what the file itself gives outside Lambda', async () => {
    const event = aSubscriptionEvent(changes);
    const deployed = createIngestHandler({
      env: { FINDINGS_TOPIC_ARN: sns.topicArn },
      loadRules: (rulesFile) => bundledRuleSet(DEFAULT_RULES, rulesFile),
      snsClient: testSnsClient(sns.endpoint),
      writeLog: () => {},
    });
    expect(await deployed(event)).toEqual(await build({})(event));
  });
});

describe('The exported handler', () => {
  const lambdaEnv = () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SNS', sns.endpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    vi.stubEnv('LOG_LEVEL', 'error');
    vi.stubEnv('RULES_FILE', undefined);
    vi.stubEnv('CLUSTER_NAME', undefined);
  };

  it('is built from process.env when Lambda loads it, and publishes through the SDK', async () => {
    lambdaEnv();
    vi.stubEnv('FINDINGS_TOPIC_ARN', sns.topicArn);
    const { handler } = await import('../../src/ingest/handler');

    const summary = await handler(aSubscriptionEvent([secretDelete, podExec()]), {
      awsRequestId: 'lambda-1',
    });

    expect(summary).toMatchObject({ findings: 2, published: 2, failed: 0, cluster: 'prod-eu' });
    expect(sns.published.map((p) => FindingSchema.parse(JSON.parse(p.message)).auditId)).toEqual([
      secretDelete.auditID,
      podExec().auditID,
    ]);
  });

  it('fails to load, naming the setting, when the configuration is invalid', async () => {
    lambdaEnv();
    vi.stubEnv('FINDINGS_TOPIC_ARN', undefined);
    await expect(import('../../src/ingest/handler')).rejects.toThrow(/FINDINGS_TOPIC_ARN: /);
  });
});
