import { ACCOUNT, anAuditEvent, ssoUser } from '../fixtures/audit/events';

/*
 * Realistic EKS audit events for the ingest tests: three manual changes by people among the noise a real
 * cluster logs (controllers, kubelets, reads). Built on the shared audit builders; no third-party content.
 */

type Json = Record<string, unknown>;

/** alice (IAM Identity Center) deletes Secret kube-system/db-creds: `secret-change-protected`, high. */
export const secretDelete = anAuditEvent({ auditID: 'a1000000-0000-4000-8000-000000000001' });

/** kubernetes-admin (aws-auth mapping of an IAM user) binds cluster-admin: `rbac-binding-privileged-role`. */
export const clusterAdminBinding = anAuditEvent({
  auditID: 'a1000000-0000-4000-8000-000000000002',
  verb: 'create',
  requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  user: {
    username: 'kubernetes-admin',
    uid: `aws-iam-authenticator:${ACCOUNT}:AIDAEXAMPLEBOB000001`,
    groups: ['system:masters', 'system:authenticated'],
    extra: {
      accessKeyId: ['AKIAEXAMPLEBOB000001'],
      arn: [`arn:aws:iam::${ACCOUNT}:user/bob`],
      canonicalArn: [`arn:aws:iam::${ACCOUNT}:user/bob`],
      principalId: ['AIDAEXAMPLEBOB000001'],
      sessionName: [''],
    },
  },
  objectRef: {
    resource: 'clusterrolebindings',
    name: 'bob-admin',
    apiGroup: 'rbac.authorization.k8s.io',
    apiVersion: 'v1',
    namespace: undefined,
  },
  requestObject: {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: { name: 'bob-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
  },
  responseStatus: { metadata: {}, code: 201 },
  level: 'RequestResponse',
});

/** carol execs into a pod in payments: `pod-exec`, logged at ResponseStarted then ResponseComplete. */
export function podExec(stage: 'ResponseStarted' | 'ResponseComplete' = 'ResponseComplete'): Json {
  return anAuditEvent({
    auditID: 'a1000000-0000-4000-8000-000000000003',
    stage,
    verb: 'create',
    requestURI: '/api/v1/namespaces/payments/pods/api-7c9f/exec?command=sh&container=api&stdin=true&tty=true',
    user: ssoUser('carol@example.com'),
    objectRef: {
      resource: 'pods',
      subresource: 'exec',
      namespace: 'payments',
      name: 'api-7c9f',
      apiVersion: 'v1',
    },
    responseStatus: { metadata: {}, code: 101 },
  });
}

/** The noise: a controller, a kubelet and a person's plain read. None makes a finding. */
export const noise: readonly Json[] = [
  anAuditEvent({
    auditID: 'b2000000-0000-4000-8000-000000000001',
    verb: 'update',
    requestURI: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager',
    user: {
      username: 'system:serviceaccount:kube-system:replicaset-controller',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    },
    userAgent: 'kube-controller-manager/v1.31.2 (linux/arm64) kubernetes/5864a46/leader-election',
    objectRef: {
      resource: 'leases',
      namespace: 'kube-system',
      name: 'kube-controller-manager',
      apiGroup: 'coordination.k8s.io',
      apiVersion: 'v1',
    },
  }),
  anAuditEvent({
    auditID: 'b2000000-0000-4000-8000-000000000002',
    verb: 'get',
    requestURI: '/api/v1/nodes/ip-10-0-1-23.eu-west-1.compute.internal',
    user: {
      username: 'system:node:ip-10-0-1-23.eu-west-1.compute.internal',
      groups: ['system:nodes', 'system:authenticated'],
    },
    userAgent: 'kubelet/v1.31.2 (linux/arm64) kubernetes/5864a46',
    objectRef: { resource: 'nodes', name: 'ip-10-0-1-23.eu-west-1.compute.internal', apiVersion: 'v1' },
  }),
  anAuditEvent({
    auditID: 'b2000000-0000-4000-8000-000000000003',
    verb: 'list',
    requestURI: '/api/v1/namespaces/default/pods?limit=500',
    objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1', name: undefined },
  }),
];

/** The same request as `secretDelete`, logged at its first stage (no response yet). */
export const secretDeleteReceived = anAuditEvent({
  auditID: 'a1000000-0000-4000-8000-000000000001',
  stage: 'RequestReceived',
  responseStatus: undefined,
  stageTimestamp: '2026-11-20T14:01:07.104391Z',
});

/** The manual changes, in batch order. */
export const changes: readonly Json[] = [secretDelete, clusterAdminBinding, podExec()];
