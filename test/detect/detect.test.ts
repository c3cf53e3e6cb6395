import { describe, expect, it } from 'vitest';
import type { DetectInput } from '../../src/detect/detect';
import { loadRuleSet } from '../../src/detect/rules/load';
import { formatDetectStats } from '../../src/detect/stats';
import { anInput, node, serviceAccount } from '../support/audit-builders';
import { defaultConfig, run } from '../support/detect-harness';

const AUDIT_ID = '0d4f6b1e-8f0e-4a4c-9a0b-3b2d1c0e9f88';

function stage(name: string, extra: Record<string, unknown> = {}): DetectInput {
  return anInput({ auditID: AUDIT_ID, stage: name, ...extra });
}

describe('detect: one finding per audit ID', () => {
  it('keeps the ResponseComplete stage when the request is logged at every stage, in any order', () => {
    const received = stage('RequestReceived', { responseStatus: undefined });
    const complete = stage('ResponseComplete');
    for (const batch of [
      [received, complete],
      [complete, received],
    ]) {
      const { findings, stats } = run(batch);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ stage: 'ResponseComplete', responseCode: 200, outcome: 'allowed' });
      expect(stats.skipped).toEqual({ 'duplicate stage': 1 });
    }
  });

  it('prefers ResponseComplete over ResponseStarted for a long-running exec', () => {
    const exec = {
      verb: 'create',
      objectRef: {
        resource: 'pods',
        subresource: 'exec',
        namespace: 'payments',
        name: 'api',
        apiVersion: 'v1',
      },
      requestURI: '/api/v1/namespaces/payments/pods/api/exec?command=sh',
    };
    const started = stage('ResponseStarted', { ...exec, responseStatus: { code: 101 } });
    const complete = stage('ResponseComplete', { ...exec, responseStatus: { code: 101 } });
    const { findings } = run([
      started,
      complete,
      stage('RequestReceived', { ...exec, responseStatus: undefined }),
    ]);
    expect(findings.map((f) => f.stage)).toEqual(['ResponseComplete']);
  });

  it('reports a request seen only at RequestReceived, with an unknown outcome', () => {
    const { findings } = run([stage('RequestReceived', { responseStatus: undefined })]);
    expect(findings[0]?.outcome).toBe('unknown');
    expect(findings[0]?.summary).toBe(
      'alice@example.com deleted secret kube-system/db-creds on prod-eu (response not logged)',
    );
  });

  it('gives the same finding id to the same request across batches (downstream idempotency)', () => {
    const first = run([stage('RequestReceived', { responseStatus: undefined })]).findings[0];
    const second = run([stage('ResponseComplete')]).findings[0];
    expect(first?.id).toBeDefined();
    expect(second?.id).toBe(first?.id);
  });
});

describe('detect: counts', () => {
  it('counts events, findings and each skip reason; events = findings + skips', () => {
    const inputs = [
      anInput({ auditID: 'a1' }),
      anInput({ auditID: 'a1', stage: 'RequestReceived' }),
      anInput({ auditID: 'a2', user: serviceAccount('flux-system', 'kustomize-controller') }),
      anInput({ auditID: 'a3', user: node, verb: 'get' }),
      anInput({ auditID: 'a4', requestURI: '/api/v1/namespaces/kube-system/secrets/x?dryRun=All' }),
      anInput({
        auditID: 'a5',
        verb: 'get',
        objectRef: { resource: 'configmaps', namespace: 'default', name: 'x' },
      }),
    ];
    const { findings, stats } = run(inputs);
    expect(findings).toHaveLength(1);
    expect(stats).toEqual({
      events: 6,
      findings: 1,
      skipped: {
        'duplicate stage': 1,
        'automation actor': 1,
        'system actor': 1,
        'dry-run': 1,
        'plain read': 1,
      },
      problems: {},
    });
    expect(formatDetectStats(stats)).toBe(
      '6 events, 1 finding, 5 skipped (1 duplicate stage, 1 automation actor, 1 system actor, 1 dry-run, 1 plain read)',
    );
  });

  it('evaluates dry-runs for a rule that asks for them', () => {
    const rules = loadRuleSet(
      'rules: [{ id: dry, title: Dry, severity: low, includeDryRun: true, condition: { verbs: [delete] } }]',
      'r.yaml',
    );
    const dry = anInput({ requestURI: '/api/v1/namespaces/kube-system/secrets/db-creds?dryRun=All' });
    const { findings } = run([dry], defaultConfig, rules);
    expect(findings[0]?.action.dryRun).toBe(true);
  });

  it('applies a rule to the actor classes it names (here automation), and only to those', () => {
    const rules = loadRuleSet(
      'rules: [{ id: bots, title: Bots, severity: info, actors: [automation], condition: { verbs: [delete] } }]',
      'r.yaml',
    );
    const bot = anInput({ auditID: 'b1', user: serviceAccount('ci', 'deployer') });
    const { findings, stats } = run([bot, anInput({ auditID: 'b2' })], defaultConfig, rules);
    expect(findings.map((f) => f.actor.type)).toEqual(['automation']);
    expect(stats.skipped).toEqual({ 'human actor': 1 });
  });

  it('counts a rule that throws as a problem for that event and carries on with the others', () => {
    const rules = loadRuleSet(
      'rules: [{ id: p, title: P, severity: low, condition: { pattern: "{ $.verb = \\"delete\\" }" } }]',
      'r',
    );
    const broken: DetectInput = {
      event: anInput({ auditID: 'c1' }).event,
      get message(): string {
        throw new Error('message unavailable');
      },
    };
    const { findings, stats, problems } = run([broken, anInput({ auditID: 'c2' })], defaultConfig, rules);
    expect(findings.map((f) => f.auditId)).toEqual(['c2']);
    expect(stats.problems).toEqual({ 'evaluation error': 1 });
    expect(problems).toEqual([
      { auditId: 'c1', reason: 'evaluation error', detail: 'Error: message unavailable' },
    ]);
  });
});

describe('detect: filter-pattern rules', () => {
  it('evaluates a pattern on the event JSON, made from the event when no message text is given', () => {
    const rules = loadRuleSet(
      `rules: [{ id: p, title: P, severity: low, condition: { pattern: '{ $.objectRef.name = "db-*" }' } }]`,
      'r.yaml',
    );
    const { event } = anInput();
    expect(run([{ event }], defaultConfig, rules).findings[0]?.reasons).toContain(
      'matches filter pattern { $.objectRef.name = "db-*" }',
    );
    const other = anInput({ objectRef: { name: 'api-key' } });
    expect(run([other], defaultConfig, rules).findings).toEqual([]);
  });
});
