import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createScanCommand } from '../../src/cli/commands/scan';
import { FindingSchema } from '../../src/finding/schema';
import { anAuditEvent, serviceAccount } from '../support/audit-builders';

const SAMPLE = 'samples/eks-audit-sample.jsonl';
const scan = createScanCommand({ clock: () => new Date('2026-11-20T15:00:00.000Z') });

async function runScan(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  stdin.end(options.stdin ?? '');
  const code = await scan.run(args, { stdin, stdout, stderr, cwd: process.cwd(), env: options.env ?? {} });
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'eks-audit-scan-')), name);
  writeFileSync(path, text);
  return path;
}

const line = (overrides: Record<string, unknown> = {}) => JSON.stringify(anAuditEvent(overrides));

describe('eks-audit scan', () => {
  it('prints a table of findings for the bundled sample, and a summary on stderr', async () => {
    const { code, out, err } = await runScan([SAMPLE, '--cluster', 'prod-eu']);
    expect(code).toBe(0);
    const [header, ...rows] = out.trimEnd().split('\n');
    expect(header).toMatch(/^SEVERITY\s+TIME\s+ACTOR\s+SUMMARY\s+RULE$/);
    expect(rows.length).toBeGreaterThan(5);
    expect(out).toContain('alice@example.com deleted secret kube-system/db-creds on prod-eu');
    expect(err).toMatch(/^scan: \d+ events read, \d+ findings; skipped \d+: .*duplicate stage/m);
  });

  it('prints one finding per line with --format json, each a valid finding (the SNS message)', async () => {
    const { code, out } = await runScan([SAMPLE, '--format', 'json', '--cluster', 'prod-eu']);
    expect(code).toBe(0);
    const findings = out
      .trimEnd()
      .split('\n')
      .map((l) => FindingSchema.parse(JSON.parse(l)));
    expect(
      findings.every((f) => f.where.cluster === 'prod-eu' && f.detectedAt === '2026-11-20T15:00:00.000Z'),
    ).toBe(true);
    expect(new Set(findings.map((f) => f.auditId)).size).toBe(findings.length);
  });

  it('reads standard input in any format (here a Kubernetes EventList)', async () => {
    const eventList = JSON.stringify(
      { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [anAuditEvent()] },
      null,
      2,
    );
    const { code, out, err } = await runScan(['--format', 'json'], { stdin: eventList });
    expect(code).toBe(0);
    expect(JSON.parse(out).summary).toBe('alice@example.com deleted secret kube-system/db-creds on unknown');
    expect(err).toBe('scan: 1 event read, 1 finding; skipped 0\n');
  });

  it('reports bad lines with file and line on stderr, counts them, and still scans the rest', async () => {
    const text = [
      line({ auditID: 'ok-1' }),
      '{"kind": "Event", "verb": ',
      'not json at all',
      '{"kind":0}',
      line({ auditID: 'ok-2' }),
    ].join('\n');
    const file = tempFile('audit.jsonl', text);
    const { code, out, err } = await runScan([file, '--format', 'json']);
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n')).toHaveLength(2);
    expect(err).toContain(`${file}:2: truncated: `);
    expect(err).toContain(`${file}:3: malformed-json: `);
    expect(err).toContain(`${file}:4: not-audit-event: `);
    expect(err).toMatch(
      /scan: 2 events read, 2 findings; skipped 3: 1 truncated, 1 malformed-json, 1 not-audit-event\n$/,
    );
  });

  it('takes the cluster from the log group of a CloudWatch subscription payload', async () => {
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '111122223333',
      logGroup: '/aws/eks/prod-eu/cluster',
      logStream: 'kube-apiserver-audit-0123456789abcdef',
      subscriptionFilters: ['eks-audit'],
      logEvents: [{ id: '3791', timestamp: 1795179667123, message: line() }],
    };
    const { out } = await runScan(['-'], { stdin: JSON.stringify(payload) });
    expect(out).toContain('alice@example.com deleted secret kube-system/db-creds on prod-eu');
  });

  it('makes one ad-hoc rule of --pattern, for every actor class', async () => {
    const text = [
      line({ auditID: 'p1', user: serviceAccount('argocd', 'argocd-server') }),
      line({ auditID: 'p2', verb: 'get' }),
    ].join('\n');
    const file = tempFile('audit.jsonl', text);
    const { code, out } = await runScan([
      file,
      '--format',
      'json',
      '--pattern',
      '{ $.objectRef.resource = "secrets" }',
    ]);
    expect(code).toBe(0);
    const findings = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(findings.map((f) => [f.rule.id, f.actor.type])).toEqual([
      ['ad-hoc-pattern', 'automation'],
      ['ad-hoc-pattern', 'human'],
    ]);
  });

  it('uses the rules file of --rules, and of RULES_FILE', async () => {
    const rules = tempFile(
      'rules.yaml',
      'rules: [{ id: deletes, title: Deletes, severity: low, condition: { verbs: [delete] } }]',
    );
    const viaOption = await runScan([SAMPLE, '--format', 'json', '--rules', rules]);
    const viaEnv = await runScan([SAMPLE, '--format', 'json'], { env: { RULES_FILE: rules } });
    for (const { out } of [viaOption, viaEnv]) {
      const ids = new Set(
        out
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l).rule.id),
      );
      expect([...ids]).toEqual(['deletes']);
    }
  });

  it('exits 2 for an invalid rules file, naming the rule and the field', async () => {
    const rules = tempFile(
      'rules.yaml',
      'rules: [{ id: bad, title: Bad, severity: high, condition: { pattern: "{ $.verb = }" } }]',
    );
    const { code, out, err } = await runScan([SAMPLE, '--rules', rules]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(
      `${rules}: rule 'bad' (#1): condition.pattern: column 12: expected a value after '='`,
    );
  });

  it('exits 2 for an invalid --pattern, showing the column', async () => {
    const { code, err } = await runScan([SAMPLE, '--pattern', '{ $.verb = }']);
    expect(code).toBe(2);
    expect(err).toContain('column 12');
    expect(err).toContain('           ^');
  });

  it.each([
    [['--rules', 'a.yaml', '--pattern', 'x'], '--rules and --pattern cannot be used together'],
    [['--format', 'xml'], "--format must be one of table, json, got 'xml'"],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
  ])('exits 2 for the usage error %j', async (args, message) => {
    const { code, err } = await runScan([SAMPLE, ...args]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('Usage: eks-audit scan');
  });

  it('exits 1 when a file cannot be read, after scanning the others', async () => {
    const { code, out, err } = await runScan([SAMPLE, 'no/such/file.jsonl', '--cluster', 'prod-eu']);
    expect(code).toBe(1);
    expect(out).toContain('on prod-eu');
    expect(err).toContain('eks-audit scan: cannot read no/such/file.jsonl: ');
    expect(err).toMatch(/; 1 file could not be read\n$/);
  });

  it('shows help with examples on the bundled sample', async () => {
    const { code, out } = await runScan(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('eks-audit scan samples/eks-audit-sample.jsonl');
  });
});

describe('eks-audit scan (spawned, as a user runs it)', () => {
  it('scans the bundled sample through bin/eks-audit.js', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      'node',
      ['bin/eks-audit.js', 'scan', SAMPLE, '--cluster', 'prod-eu'],
      {
        cwd: process.cwd(),
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    expect(stdout).toMatch(/^SEVERITY\s+TIME\s+ACTOR\s+SUMMARY\s+RULE\n/);
    expect(stdout).toContain('bob@example.com created clusterrolebinding bob-cluster-admin on prod-eu');
    expect(stderr).toMatch(/^scan: \d+ events read, \d+ findings/m);
  });
});
