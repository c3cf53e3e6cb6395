import { describe, expect, it } from 'vitest';
import { classifyActor } from '../../src/detect/actor';
import type { RuleMatch } from '../../src/detect/rules/types';
import { buildFinding } from '../../src/finding/build';
import { FindingSchema } from '../../src/finding/schema';
import { anAuditEvent, aPod, normalize, type RawOverrides } from '../support/audit-builders';
import { defaultConfig, runOne, testContext } from '../support/detect-harness';

function aMatch(
  id: string,
  severity: RuleMatch['rule']['severity'],
  reasons = [`rule ${id} matched`],
): RuleMatch {
  return { rule: { id, title: `Rule ${id}`, severity }, reasons };
}

function build(
  overrides: RawOverrides = {},
  matches = [aMatch('secret-change-protected', 'high')],
  context = testContext,
) {
  const event = normalize(anAuditEvent(overrides));
  return buildFinding(event, classifyActor(event, defaultConfig.actors), matches, context);
}

describe('buildFinding', () => {
  it('makes a finding that FindingSchema accepts, with where, source and times', () => {
    const finding = FindingSchema.parse(build());
    expect(finding).toMatchObject({
      schemaVersion: 1,
      severity: 'high',
      summary: 'alice@example.com deleted secret kube-system/db-creds on prod-eu',
      outcome: 'allowed',
      responseCode: 200,
      time: '2026-11-20T14:01:07.123Z',
      detectedAt: '2026-11-20T14:01:09.000Z',
      actor: { type: 'human', displayName: 'alice@example.com', email: 'alice@example.com' },
      action: {
        verb: 'delete',
        resource: 'secrets',
        namespace: 'kube-system',
        name: 'db-creds',
        dryRun: false,
      },
      where: {
        cluster: 'prod-eu',
        accountId: '111122223333',
        region: 'eu-west-1',
        logGroup: '/aws/eks/prod-eu/cluster',
      },
      source: { ips: ['203.0.113.10'], userAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46' },
    });
  });

  it('has a stable id: the same cluster and audit ID give the same id, whatever the stage', () => {
    const a = build({ stage: 'RequestReceived', responseStatus: undefined });
    const b = build({ stage: 'ResponseComplete' });
    const otherCluster = build({}, undefined, { ...testContext, cluster: 'prod-us' });
    const otherRequest = build({ auditID: 'another-id' });
    expect(a.id).toMatch(/^f-[0-9a-f]{32}$/);
    expect(b.id).toBe(a.id);
    expect(otherCluster.id).not.toBe(a.id);
    expect(otherRequest.id).not.toBe(a.id);
  });

  it('groups by fingerprint: same rule, actor, verb and object, whatever the audit ID', () => {
    const first = build({ auditID: 'one' });
    expect(build({ auditID: 'two' }).fingerprint).toBe(first.fingerprint);
    expect(build({ auditID: 'three', verb: 'update' }).fingerprint).not.toBe(first.fingerprint);
    expect(build({ objectRef: { name: 'other' } }).fingerprint).not.toBe(first.fingerprint);
    expect(build({}, [aMatch('rbac-change', 'high')]).fingerprint).not.toBe(first.fingerprint);
  });

  it('takes the most severe rule (first of equals) and lists the others in alsoMatched', () => {
    const finding = build({}, [
      aMatch('a', 'medium'),
      aMatch('b', 'critical', ['b reason']),
      aMatch('c', 'critical'),
    ]);
    expect(finding.severity).toBe('critical');
    expect(finding.rule.id).toBe('b');
    expect(finding.alsoMatched).toEqual(['a', 'c']);
    expect(finding.reasons[0]).toBe('b reason');
  });

  it('explains why: the rule checks that passed, then who the actor is', () => {
    expect(runOne({}).findings[0]?.reasons).toEqual([
      'verb delete is a change',
      'resource is secrets',
      'namespace kube-system is protected',
      'request was allowed (200)',
      expect.stringMatching(/^actor is a person: IAM Identity Center user alice@example\.com/),
    ]);
  });

  it('never copies Secret data, stringData or any request/response body into the finding', () => {
    const secretValue = 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk';
    const secret = {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 'db-creds', namespace: 'kube-system', annotations: { note: 'annotation-value-xyz' } },
      data: { password: secretValue },
      stringData: { token: 'plain-text-token-value' },
    };
    const [finding] = runOne({
      verb: 'create',
      level: 'RequestResponse',
      requestURI: '/api/v1/namespaces/kube-system/secrets',
      requestObject: secret,
      responseObject: secret,
    }).findings;
    expect(finding).toBeDefined();
    const text = JSON.stringify(finding);
    for (const leaked of [
      secretValue,
      'plain-text-token-value',
      'password',
      'annotation-value-xyz',
      'stringData',
    ]) {
      expect(text).not.toContain(leaked);
    }
  });

  it('keeps request-body details out of the reasons of body-reading rules', () => {
    const pod = aPod({ privileged: true, hostPath: '/very/private/host/path' });
    const [finding] = runOne({
      verb: 'create',
      requestURI: '/api/v1/namespaces/payments/pods',
      objectRef: { resource: 'pods', namespace: 'payments', name: undefined },
      requestObject: pod,
    }).findings;
    expect(finding?.reasons).toContain('pod spec has a privileged container');
    expect(JSON.stringify(finding)).not.toContain('/very/private/host/path');
    expect(JSON.stringify(finding)).not.toContain('busybox');
  });
});

describe('buildFinding: summaries read like a sentence', () => {
  const cases: [string, RawOverrides, string][] = [
    ['create with a name', { verb: 'create' }, 'created secret kube-system/db-creds'],
    [
      'create without a name',
      { verb: 'create', objectRef: { name: undefined } },
      'created a secret in kube-system',
    ],
    ['update', { verb: 'update' }, 'updated secret kube-system/db-creds'],
    ['patch', { verb: 'patch' }, 'patched secret kube-system/db-creds'],
    ['get', { verb: 'get' }, 'read secret kube-system/db-creds'],
    [
      'list in a namespace',
      { verb: 'list', objectRef: { name: undefined } },
      'listed secrets in kube-system',
    ],
    ['watch', { verb: 'watch', objectRef: { name: undefined } }, 'watched secrets in kube-system'],
    [
      'cluster-scoped',
      {
        objectRef: {
          resource: 'clusterroles',
          name: 'edit',
          namespace: undefined,
          apiGroup: 'rbac.authorization.k8s.io',
        },
      },
      'deleted clusterrole edit',
    ],
    [
      'namespace',
      { objectRef: { resource: 'namespaces', name: 'payments', namespace: 'payments' } },
      'deleted namespace payments',
    ],
    [
      'policy plural',
      { objectRef: { resource: 'networkpolicies', name: 'deny' } },
      'deleted networkpolicy kube-system/deny',
    ],
    [
      'exec',
      { verb: 'create', objectRef: { resource: 'pods', subresource: 'exec', name: 'api' } },
      "exec'd into pod kube-system/api",
    ],
    [
      'attach',
      { verb: 'create', objectRef: { resource: 'pods', subresource: 'attach', name: 'api' } },
      'attached to pod kube-system/api',
    ],
    [
      'port-forward',
      { verb: 'create', objectRef: { resource: 'pods', subresource: 'portforward', name: 'api' } },
      'port-forwarded to pod kube-system/api',
    ],
    [
      'other subresource',
      { verb: 'patch', objectRef: { resource: 'deployments', subresource: 'scale', name: 'api' } },
      'patched scale of deployment kube-system/api',
    ],
    ['non-resource URL', { verb: 'get', objectRef: undefined, requestURI: '/metrics?x=1' }, 'read /metrics'],
  ];
  for (const [label, overrides, words] of cases) {
    it(label, () => {
      expect(build(overrides).summary).toBe(`alice@example.com ${words} on prod-eu`);
    });
  }

  it('says a denied request was tried, with the code', () => {
    expect(build({ verb: 'create', responseStatus: { code: 403 } }).summary).toBe(
      'alice@example.com tried to create secret kube-system/db-creds on prod-eu (denied, 403)',
    );
  });
});
