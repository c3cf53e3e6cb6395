import { parseAuditEvent } from '../../src/audit/event';
import { normalizeAuditEvent } from '../../src/audit/normalize';
import type { NormalizedAuditEvent } from '../../src/audit/normalized';
import type { DetectInput } from '../../src/detect/detect';

/** A raw audit event as JSON: what the API server writes, before any parsing. */
export type RawAuditEvent = Record<string, unknown>;

/** Overrides for a raw event: objects merge deeply, arrays and scalars replace, `undefined` removes a key. */
export type RawOverrides = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function merge(base: Record<string, unknown>, overrides: RawOverrides): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(current)) out[key] = merge(current, value);
    else out[key] = value;
  }
  return out;
}

const ACCOUNT = '111122223333';
const SSO_ROLE = 'AWSReservedSSO_AdministratorAccess_0123456789abcdef';

/** The `user` of an EKS request by alice through IAM Identity Center (an assumed SSO role session). */
export const alice = {
  username: `arn:aws:sts::${ACCOUNT}:assumed-role/${SSO_ROLE}/alice@example.com`,
  uid: `aws-iam-authenticator:${ACCOUNT}:AROAEXAMPLEALICE`,
  groups: ['system:authenticated'],
  extra: {
    accessKeyId: ['ASIAEXAMPLEALICE'],
    arn: [`arn:aws:sts::${ACCOUNT}:assumed-role/${SSO_ROLE}/alice@example.com`],
    canonicalArn: [`arn:aws:iam::${ACCOUNT}:role/${SSO_ROLE}`],
    principalId: ['AROAEXAMPLEALICE'],
    sessionName: ['alice@example.com'],
  },
};

/** A `user` for a service account (automation). */
export function serviceAccount(namespace: string, name: string) {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    uid: '6f0c1c2e-0000-4000-8000-000000000001',
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

/** A `user` for a node's kubelet (system). */
export const node = {
  username: 'system:node:ip-10-0-1-23.eu-west-1.compute.internal',
  groups: ['system:nodes', 'system:authenticated'],
};

/** The `user` of an unauthenticated request. */
export const anonymous = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/**
 * A realistic EKS audit event (audit.k8s.io/v1, ResponseComplete): alice, through IAM Identity Center,
 * deleted Secret kube-system/db-creds and the API server answered 200.
 *
 * @example
 * anAuditEvent({ verb: 'get', responseStatus: { code: 403 } })
 */
export function anAuditEvent(overrides: RawOverrides = {}): RawAuditEvent {
  const base: RawAuditEvent = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: '4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10',
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/kube-system/secrets/db-creds',
    verb: 'delete',
    user: alice,
    sourceIPs: ['203.0.113.10'],
    userAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46',
    objectRef: { resource: 'secrets', namespace: 'kube-system', name: 'db-creds', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-11-20T14:01:07.101234Z',
    stageTimestamp: '2026-11-20T14:01:07.123456Z',
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': `EKS Access Policy: allowed by ClusterRoleBinding "arn:aws:iam::${ACCOUNT}:role/${SSO_ROLE}+arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"`,
    },
  };
  return merge(base, overrides);
}

/** Parses and normalises a raw event with the audit module, as ingest does; throws if it is not an event. */
export function normalize(raw: RawAuditEvent): NormalizedAuditEvent {
  const parsed = parseAuditEvent(raw, 'builder');
  if (!parsed.ok) throw new Error(parsed.problem.detail);
  return normalizeAuditEvent(parsed.event);
}

/** A detect input for `anAuditEvent(overrides)`: normalised event plus its JSON text. */
export function anInput(overrides: RawOverrides = {}): DetectInput {
  const raw = anAuditEvent(overrides);
  return { event: normalize(raw), message: JSON.stringify(raw) };
}

/** A pod spec body (`requestObject`) with the given containers and volumes. */
export function aPod(spec: { privileged?: boolean; hostPath?: string; name?: string } = {}): RawAuditEvent {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: spec.name ?? 'debug', namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'shell',
          image: 'busybox:1.36',
          ...(spec.privileged ? { securityContext: { privileged: true } } : {}),
        },
      ],
      ...(spec.hostPath ? { volumes: [{ name: 'host', hostPath: { path: spec.hostPath } }] } : {}),
    },
  };
}
