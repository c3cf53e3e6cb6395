import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import presets from '../../deploy/filter-patterns.json';
import {
  ingestEvents,
  MAX_PATTERN_LENGTH,
  parseLogGroups,
  resolveFilterPattern,
} from '../../deploy/ingest-events.cjs';
import { parseAuditEvent } from '../../src/audit/event';
import { normalizeAuditEvent } from '../../src/audit/normalize';
import { compileFilterPattern } from '../../src/filter-pattern/index';
import { anInput, type RawOverrides } from '../support/audit-builders';
import { run } from '../support/detect-harness';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('ingest events (deploy/ingest-events.cjs)', () => {
  it('makes one subscription per log group, all with the same pattern, whatever the separators', () => {
    const events = ingestEvents(
      '/aws/eks/prod-eu/cluster, /aws/eks/prod-us/cluster\n/aws/eks/dev/cluster',
      'all',
    );
    expect(events.map((e) => e.cloudwatchLog.logGroup)).toEqual([
      '/aws/eks/prod-eu/cluster',
      '/aws/eks/prod-us/cluster',
      '/aws/eks/dev/cluster',
    ]);
    expect(new Set(events.map((e) => e.cloudwatchLog.filter))).toEqual(new Set(['']));
  });

  it('subscribes a log group given twice only once', () => {
    expect(parseLogGroups('/aws/eks/a/cluster,/aws/eks/a/cluster')).toEqual(['/aws/eks/a/cluster']);
  });

  it('refuses to deploy without a log group, naming the parameter', () => {
    expect(() => parseLogGroups('')).toThrow(/param "logGroups" is required/);
    expect(() => parseLogGroups(null)).toThrow(/logGroups/);
  });

  it('refuses a log group name CloudWatch would refuse', () => {
    expect(() => parseLogGroups('/aws/eks/a/cluster,/bad name?')).toThrow(/"\/bad"|"name\?"/);
  });

  it('resolves the preset names and passes any other text through as a pattern', () => {
    expect(resolveFilterPattern('broad')).toBe(presets.broad.pattern);
    expect(resolveFilterPattern('all')).toBe('');
    expect(resolveFilterPattern('{ $.verb = "delete" }')).toBe('{ $.verb = "delete" }');
  });

  it('refuses a pattern longer than CloudWatch accepts', () => {
    expect(() => resolveFilterPattern(`{ $.verb = "${'x'.repeat(MAX_PATTERN_LENGTH)}" }`)).toThrow(
      /at most 1024/,
    );
  });

  it('keeps the seed module’s pattern selectable, verbatim as the seed rule of the default rules', () => {
    const rules = parse(read('../../rules/default-rules.yaml')) as {
      rules: { id: string; condition: { pattern?: string } }[];
    };
    const seedRule = rules.rules.find((rule) => rule.id === 'seed-manual-change');
    expect(resolveFilterPattern('seed')).toBe(seedRule?.condition.pattern);
  });

  it('ships presets that the filter-pattern engine compiles', () => {
    for (const [name, preset] of Object.entries(presets)) {
      expect(() => compileFilterPattern(preset.pattern), name).not.toThrow();
    }
  });
});

interface CorpusLine {
  readonly source_file: string;
  readonly event: unknown;
}

describe('the broad preset (the default subscription filter)', () => {
  const broad = compileFilterPattern(presets.broad.pattern);

  it('lets through every corpus event the default rules alert on', () => {
    const lines = read('../../../shared/corpus/audit/ALL_native_k8s_audit_events.jsonl')
      .split('\n')
      .filter(Boolean);
    let alerted = 0;
    let dropped = 0;
    const hidden: string[] = [];
    for (const line of lines.map((l) => JSON.parse(l) as CorpusLine)) {
      const parsed = parseAuditEvent(line.event, line.source_file);
      if (!parsed.ok) continue;
      const message = JSON.stringify(line.event);
      const { findings } = run([{ event: normalizeAuditEvent(parsed.event), message }]);
      const passes = broad.matches(message);
      if (!passes) dropped += 1;
      if (findings.length === 0) continue;
      alerted += 1;
      if (!passes) hidden.push(`${line.source_file}: ${findings[0]?.rule.id}`);
    }
    console.log(
      `broad preset on the corpus: ${alerted} events alert, ${dropped} dropped by the filter, ${hidden.length} hidden`,
    );
    expect(alerted).toBeGreaterThan(0);
    expect(hidden).toEqual([]);
  });

  // `extra: undefined` drops the builder's IAM identity (a person's SSO role).
  const identity = (username: string, groups: string[] = []): RawOverrides => ({
    user: { username, groups, extra: undefined, uid: undefined },
  });
  const machines: [string, RawOverrides][] = [
    ['a kubelet', identity('system:node:ip-10-0-1-2.ec2.internal', ['system:nodes'])],
    ['the controller manager', identity('system:kube-controller-manager')],
    ['the scheduler', identity('system:kube-scheduler')],
    ['the API server itself', identity('system:apiserver', ['system:masters'])],
    ['an EKS component', identity('eks:addon-manager')],
  ];

  it.each(machines)(
    'drops %s deleting a secret in kube-system, which no default rule alerts on',
    (_, who) => {
      const input = anInput({
        verb: 'delete',
        objectRef: { resource: 'secrets', namespace: 'kube-system', name: 'db-creds', apiVersion: 'v1' },
        ...who,
      });
      expect(broad.matches(input.message ?? '')).toBe(false);
      expect(run([input]).findings).toEqual([]);
    },
  );

  it('lets through a person and a service account doing the same', () => {
    const change = {
      verb: 'delete',
      objectRef: { resource: 'secrets', namespace: 'kube-system', name: 'db-creds', apiVersion: 'v1' },
    };
    const person = anInput({ ...change, ...identity('kubernetes-admin', ['system:masters']) });
    const robot = anInput({ ...change, ...identity('system:serviceaccount:ci:deployer') });
    expect(broad.matches(person.message ?? '')).toBe(true);
    expect(broad.matches(robot.message ?? '')).toBe(true);
  });
});
