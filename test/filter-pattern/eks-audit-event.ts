/** What varies between the EKS audit events of the filter-pattern tests. */
export interface AuditEventSpec {
  readonly verb?: string;
  readonly username?: string;
  readonly resource?: string;
  /** `undefined` for a cluster-scoped object (no `objectRef.namespace`). */
  readonly namespace?: string | undefined;
  readonly name?: string;
  readonly code?: number;
}

const RBAC_RESOURCES = new Set(['roles', 'role', 'rolebindings', 'clusterroles', 'clusterrolebindings']);

/**
 * A realistic Amazon EKS audit event (audit.k8s.io/v1, stage ResponseComplete), shaped like the ones EKS writes to
 * the cluster's CloudWatch log group: IAM identity in `user.extra`, RBAC annotations, consistent requestURI.
 * Default: kubernetes-admin deletes secret kube-system/db-creds.
 *
 * @example
 * JSON.stringify(anEksAuditEvent({ verb: 'create', resource: 'clusterrolebindings', namespace: undefined }));
 */
export function anEksAuditEvent(spec: AuditEventSpec = {}): Record<string, unknown> {
  const verb = spec.verb ?? 'delete';
  const resource = spec.resource ?? 'secrets';
  const namespace = 'namespace' in spec ? spec.namespace : 'kube-system';
  const name = spec.name ?? 'db-creds';
  const username = spec.username ?? 'kubernetes-admin';
  const apiGroup = RBAC_RESOURCES.has(resource) ? 'rbac.authorization.k8s.io' : '';
  const objectRef: Record<string, string> = { resource, name, apiVersion: 'v1' };
  if (namespace !== undefined) objectRef.namespace = namespace;
  if (apiGroup) objectRef.apiGroup = apiGroup;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: '4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10',
    stage: 'ResponseComplete',
    requestURI: requestUri(apiGroup, namespace, resource, name, verb),
    verb,
    user: {
      username,
      uid: 'aws-iam-authenticator:111122223333:AROAEXAMPLEROLEID',
      groups: ['system:authenticated'],
      extra: {
        accessKeyId: ['ASIAEXAMPLEKEYID'],
        arn: [
          'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com',
        ],
        canonicalArn: ['arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123456789abcdef'],
        principalId: ['AROAEXAMPLEROLEID'],
        sessionName: ['alice@example.com'],
      },
    },
    sourceIPs: ['203.0.113.10'],
    userAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46',
    objectRef,
    responseStatus: { metadata: {}, code: spec.code ?? 200 },
    requestReceivedTimestamp: '2026-11-20T14:01:07.101234Z',
    stageTimestamp: '2026-11-20T14:01:07.123456Z',
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason':
        'EKS Access Policy: allowed by ClusterRoleBinding "arn:aws:iam::111122223333:role/Admin"',
    },
  };
}

function requestUri(
  apiGroup: string,
  namespace: string | undefined,
  resource: string,
  name: string,
  verb: string,
) {
  const base = apiGroup ? `/apis/${apiGroup}/v1` : '/api/v1';
  const scope = namespace === undefined ? '' : `/namespaces/${namespace}`;
  const item = verb === 'create' || verb === 'list' || verb === 'watch' ? '' : `/${name}`;
  return `${base}${scope}/${resource}${item}`;
}
