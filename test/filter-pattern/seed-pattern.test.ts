import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../src/filter-pattern';
import { projectRoot, readRealWorldPatterns } from './corpus';
import { type AuditEventSpec, anEksAuditEvent } from './eks-audit-event';

const seedPattern = readFileSync(
  path.join(projectRoot, 'test/filter-pattern/fixtures/seed-filter-pattern.txt'),
  'utf8',
).trim();
const pattern = compileFilterPattern(seedPattern);

/** Evaluates both entry points and insists they agree, so every test covers `matches` and `matchesParsed`. */
function seedMatches(spec: AuditEventSpec): boolean {
  const line = JSON.stringify(anEksAuditEvent(spec));
  const raw = pattern.matches(line);
  expect(pattern.matchesParsed(line, JSON.parse(line))).toBe(raw);
  return raw;
}

const PROTECTED_NAMESPACES = [
  'kube-system',
  'consul',
  'vault',
  'istio-ingress',
  'ingress-system',
  'istio-system',
];
const NAMESPACED_RESOURCES = ['roles', 'secrets', 'serviceaccounts', 'role', 'rolebindings'];

describe("Filter pattern: the seed project's subscription filter", () => {
  it('parses as a JSON pattern', () => {
    expect(pattern.kind).toBe('json');
    expect(seedPattern.length).toBeLessThanOrEqual(1024);
  });

  describe('branch: namespaced RBAC objects, secrets and service accounts in a listed namespace', () => {
    const pairs = PROTECTED_NAMESPACES.flatMap((ns) => NAMESPACED_RESOURCES.map((r) => [ns, r] as const));
    it.each(pairs)('matches a delete of %s/%s by kubernetes-admin', (namespace, resource) => {
      expect(seedMatches({ namespace, resource })).toBe(true);
    });

    it.each(NAMESPACED_RESOURCES)(
      'does not match %s in an unlisted namespace (default, payments)',
      (resource) => {
        expect(seedMatches({ namespace: 'default', resource })).toBe(false);
        expect(seedMatches({ namespace: 'payments', resource })).toBe(false);
      },
    );

    it.each(['configmaps', 'pods', 'deployments', 'pods/exec'])(
      'does not match %s in kube-system',
      (resource) => {
        expect(seedMatches({ namespace: 'kube-system', resource })).toBe(false);
      },
    );

    it('does not match a namespace that only starts like a listed one (kube-system-2)', () => {
      expect(seedMatches({ namespace: 'kube-system-2', resource: 'secrets' })).toBe(false);
    });
  });

  describe('branch: clusterroles and clusterrolebindings anywhere', () => {
    it.each(['clusterroles', 'clusterrolebindings'])(
      'matches a cluster-scoped %s (no namespace)',
      (resource) => {
        expect(seedMatches({ namespace: undefined, resource, verb: 'create', name: 'ops-admin' })).toBe(true);
      },
    );

    it.each(['clusterroles', 'clusterrolebindings'])(
      'matches %s whatever objectRef.namespace says',
      (resource) => {
        expect(seedMatches({ namespace: 'default', resource, verb: 'patch' })).toBe(true);
      },
    );

    it('does not match other cluster-scoped objects (namespaces, nodes)', () => {
      expect(seedMatches({ namespace: undefined, resource: 'namespaces' })).toBe(false);
      expect(seedMatches({ namespace: undefined, resource: 'nodes' })).toBe(false);
    });
  });

  describe('branch: who acted', () => {
    it.each(['sre/alice', 'sre/bob@example.com', 'ssouser/carol', 'ssouser/', 'kubernetes-admin'])(
      'matches username %s',
      (username) => {
        expect(seedMatches({ username })).toBe(true);
      },
    );

    it.each([
      'system:serviceaccount:kube-system:replicaset-controller',
      'eks:addon-manager',
      'arn:aws:sts::111122223333:assumed-role/sre/alice',
      'sre',
      'xsre/alice',
      'kubernetes-admin2',
      'Kubernetes-Admin',
    ])('does not match username %s', (username) => {
      expect(seedMatches({ username })).toBe(false);
    });
  });

  describe('branch: read-only verbs are excluded', () => {
    it.each(['get', 'list', 'watch'])('does not match verb %s', (verb) => {
      expect(seedMatches({ verb })).toBe(false);
      expect(seedMatches({ verb, namespace: undefined, resource: 'clusterroles' })).toBe(false);
    });

    it.each(['create', 'update', 'patch', 'delete', 'deletecollection'])('matches verb %s', (verb) => {
      expect(seedMatches({ verb })).toBe(true);
    });
  });

  it('matches nothing when the message is not JSON (a plain-text line of the same log group)', () => {
    expect(pattern.matches('kubernetes-admin delete secrets kube-system')).toBe(false);
    expect(pattern.matchesParsed('kubernetes-admin delete secrets kube-system', undefined)).toBe(false);
  });
});

describe('Filter pattern: the real-world patterns of real_world_patterns.jsonl', () => {
  const [lacework, custom] = readRealWorldPatterns();

  it('parses both as JSON patterns', () => {
    expect(readRealWorldPatterns().map((p) => compileFilterPattern(p.pattern).kind)).toEqual([
      'json',
      'json',
    ]);
  });

  it('lets a secret change through and drops health probes (the default Lacework filter)', () => {
    const compiled = compileFilterPattern(lacework?.pattern ?? '');
    const secret = anEksAuditEvent();
    const probe = { ...anEksAuditEvent({ verb: 'get' }), requestURI: '/readyz?verbose' };
    const started = { ...anEksAuditEvent(), stage: 'ResponseStarted' };
    expect(compiled.matches(JSON.stringify(secret))).toBe(true);
    expect(compiled.matches(JSON.stringify(probe))).toBe(false);
    expect(compiled.matches(JSON.stringify(started))).toBe(false);
  });

  it('drops lease renewals by system users and keeps a person updating a lease (the custom filter)', () => {
    const compiled = compileFilterPattern(custom?.pattern ?? '');
    const renewal = anEksAuditEvent({
      verb: 'update',
      resource: 'leases',
      username: 'system:kube-scheduler',
    });
    const person = anEksAuditEvent({ verb: 'update', resource: 'leases', username: 'kubernetes-admin' });
    expect(compiled.matches(JSON.stringify(renewal))).toBe(false);
    expect(compiled.matches(JSON.stringify(person))).toBe(true);
  });
});
