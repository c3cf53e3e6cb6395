/**
 * A deterministic CloudWatch Logs subscription batch of realistic EKS audit events for bench/ingest.ts: what a
 * busy cluster logs (kubelets, controllers, GitOps and CI identities, EKS components, health checks) with a
 * few people among them, some of whose requests are findings. Written for this project.
 */
import { gzipSync } from 'node:zlib';

type Json = Record<string, unknown>;

/** mulberry32: the same batch on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = '111122223333';
const sso = (email: string) => ({
  username: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/${email}`,
  uid: `aws-iam-authenticator:${ACCOUNT}:AROAEXAMPLE${email.length}`,
  groups: ['system:authenticated'],
  extra: {
    accessKeyId: ['ASIAEXAMPLEKEY000001'],
    arn: [
      `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/${email}`,
    ],
    canonicalArn: [`arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef`],
    principalId: [`AROAEXAMPLE${email.length}`],
    sessionName: [email],
  },
});
const sa = (ns: string, name: string) => ({
  username: `system:serviceaccount:${ns}:${name}`,
  uid: `7a1c${ns.length}e2-0000-4000-8000-00000000${name.length}`.slice(0, 36),
  groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
  extra: { 'authentication.kubernetes.io/pod-name': [`${name}-6d5f7c9b8-x2k4p`] },
});
const nodeUser = (n: number) => ({
  username: `system:node:ip-10-0-${n}-${(n * 37) % 250}.eu-west-1.compute.internal`,
  uid: `aws-iam-authenticator:${ACCOUNT}:AROAEXAMPLENODE`,
  groups: ['system:bootstrappers', 'system:nodes', 'system:authenticated'],
  extra: {
    arn: [`arn:aws:sts::${ACCOUNT}:assumed-role/eks-node-group-role/i-0${n}abcdef12345678`],
    canonicalArn: [`arn:aws:iam::${ACCOUNT}:role/eks-node-group-role`],
    sessionName: [`i-0${n}abcdef12345678`],
  },
});
const ci = {
  username: `arn:aws:sts::${ACCOUNT}:assumed-role/github-actions-deploy/GitHubActions`,
  groups: ['system:authenticated'],
  extra: {
    arn: [`arn:aws:sts::${ACCOUNT}:assumed-role/github-actions-deploy/GitHubActions`],
    canonicalArn: [`arn:aws:iam::${ACCOUNT}:role/github-actions-deploy`],
    sessionName: ['GitHubActions'],
  },
};

interface Actor {
  readonly user: Json;
  readonly agent: string;
  readonly weight: number;
  readonly person?: boolean;
}
const actors: readonly Actor[] = [
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    user: nodeUser(n),
    agent: 'kubelet/v1.31.2 (linux/arm64) kubernetes/5864a46',
    weight: 5,
  })),
  { user: sa('kube-system', 'replicaset-controller'), agent: 'kube-controller-manager/v1.31.2', weight: 6 },
  {
    user: sa('kube-system', 'endpointslice-controller'),
    agent: 'kube-controller-manager/v1.31.2',
    weight: 5,
  },
  { user: sa('kube-system', 'aws-node'), agent: 'aws-node/v1.18.5', weight: 4 },
  { user: sa('kube-system', 'coredns'), agent: 'coredns/v1.11.3', weight: 4 },
  {
    user: sa('argocd', 'argocd-application-controller'),
    agent: 'argocd-application-controller/v2.13.1',
    weight: 6,
  },
  { user: sa('karpenter', 'karpenter'), agent: 'karpenter/v1.1.0', weight: 4 },
  {
    user: { username: 'system:kube-scheduler', groups: ['system:authenticated'] },
    agent: 'kube-scheduler/v1.31.2',
    weight: 5,
  },
  {
    user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
    agent: 'kube-controller-manager/v1.31.2',
    weight: 5,
  },
  {
    user: { username: 'eks:k8s-metrics', groups: ['system:authenticated'] },
    agent: 'eks-k8s-metrics/v0.0.0',
    weight: 3,
  },
  {
    user: { username: 'eks:certificate-controller', groups: ['system:authenticated'] },
    agent: 'eks-certificates-controller/v0.0.0',
    weight: 2,
  },
  {
    user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
    agent: 'ELB-HealthChecker/2.0',
    weight: 1,
  },
  { user: ci, agent: 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46', weight: 2 },
  {
    user: sso('alice@example.com'),
    agent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46',
    weight: 2,
    person: true,
  },
  { user: sso('carol@example.com'), agent: 'k9s/v0.32.5 (darwin/arm64)', weight: 1, person: true },
  {
    user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
    agent: 'kubectl/v1.30.4 (linux/amd64) kubernetes/aa7c8b1',
    weight: 1,
    person: true,
  },
];
const weighted = actors.flatMap((a) => Array<Actor>(a.weight).fill(a));

/** Reads dominate a real audit log; changes are a minority. */
const verbs = ['get', 'get', 'get', 'list', 'list', 'watch', 'watch', 'update', 'patch', 'create', 'delete'];
const resources: readonly [string, string][] = [
  ['', 'pods'],
  ['', 'configmaps'],
  ['coordination.k8s.io', 'leases'],
  ['coordination.k8s.io', 'leases'],
  ['', 'endpoints'],
  ['discovery.k8s.io', 'endpointslices'],
  ['apps', 'deployments'],
  ['', 'secrets'],
  ['', 'serviceaccounts'],
  ['', 'events'],
  ['rbac.authorization.k8s.io', 'rolebindings'],
  ['', 'nodes'],
];
const namespaces = ['kube-system', 'kube-system', 'default', 'payments', 'argocd', 'karpenter', 'monitoring'];

function event(i: number, next: () => number): Json {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const actor = pick(weighted);
  const [group, resource] = pick(resources);
  const verb = actor.person && next() < 0.5 ? pick(['create', 'patch', 'delete']) : pick(verbs);
  const namespace = resource === 'nodes' ? undefined : pick(namespaces);
  const name = verb === 'list' || verb === 'watch' ? undefined : `${resource}-${Math.floor(next() * 40)}`;
  const prefix = group ? `/apis/${group}/v1` : '/api/v1';
  const uri = `${prefix}${namespace ? `/namespaces/${namespace}` : ''}/${resource}${name ? `/${name}` : ''}${verb === 'watch' ? '?watch=true&timeoutSeconds=420' : ''}`;
  const denied = actor.person && next() < 0.1;
  const code = denied ? 403 : verb === 'create' ? 201 : 200;
  const micros = String(100000 + i * 7).slice(-6);
  const withBody = verb !== 'get' && verb !== 'list' && verb !== 'watch' && resource === 'leases';
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: withBody ? 'RequestResponse' : 'Metadata',
    auditID: `${(0x1f000000 + i).toString(16)}-5a3b-4b8e-9d55-${(0x0e7b1e2f9a10 + i).toString(16).slice(-12)}`,
    stage: 'ResponseComplete',
    requestURI: uri,
    verb,
    user: actor.user,
    sourceIPs: [actor.person ? '203.0.113.10' : `10.0.${i % 8}.${(i * 13) % 250}`],
    userAgent: actor.agent,
    objectRef: {
      resource,
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
      apiGroup: group,
      apiVersion: 'v1',
    },
    responseStatus: denied
      ? { metadata: {}, status: 'Failure', reason: 'Forbidden', code }
      : { metadata: {}, code },
    ...(withBody
      ? {
          requestObject: {
            kind: 'Lease',
            apiVersion: 'coordination.k8s.io/v1',
            metadata: { name, namespace, resourceVersion: String(9_000_000 + i) },
            spec: {
              holderIdentity: `${name}_9c1e2f`,
              leaseDurationSeconds: 15,
              renewTime: `2026-11-20T14:01:07.${micros}Z`,
            },
          },
        }
      : {}),
    requestReceivedTimestamp: `2026-11-20T14:01:07.${micros}Z`,
    stageTimestamp: `2026-11-20T14:01:07.${micros}Z`,
    annotations: {
      'authorization.k8s.io/decision': denied ? 'forbid' : 'allow',
      'authorization.k8s.io/reason': denied
        ? ''
        : `RBAC: allowed by ClusterRoleBinding "system:${resource}" of ClusterRole "system:${resource}"`,
    },
  };
}

/** A subscription batch and its Lambda event. */
export interface BenchBatch {
  readonly event: { readonly awslogs: { readonly data: string } };
  readonly logEvents: number;
  /** The decompressed payload's size in bytes. */
  readonly payloadBytes: number;
}

/**
 * Builds log events until the decompressed payload reaches `targetBytes` (1 MB by default, about CloudWatch's
 * largest batch), gzips and base64-encodes it as CloudWatch Logs does for a Lambda subscription.
 */
export function benchBatch(targetBytes = 1_048_576, seed = 20261120): BenchBatch {
  const next = random(seed);
  const logEvents: Json[] = [];
  let bytes = 300;
  for (let i = 0; bytes < targetBytes; i++) {
    const message = JSON.stringify(event(i, next));
    const logEvent = {
      id: `${38000000000000000000000000000000000000000000000000000000n + BigInt(i)}`,
      timestamp: 1795183267000 + i,
      message,
    };
    logEvents.push(logEvent);
    // As it will be in the payload: the message JSON-escaped inside the log event's JSON.
    bytes += JSON.stringify(logEvent).length + 1;
  }
  const payload = JSON.stringify({
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup: '/aws/eks/prod-eu/cluster',
    logStream: 'kube-apiserver-audit-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    subscriptionFilters: ['eks-audit-bot'],
    logEvents,
  });
  const data = gzipSync(Buffer.from(payload)).toString('base64');
  return {
    event: { awslogs: { data } },
    logEvents: logEvents.length,
    payloadBytes: Buffer.byteLength(payload),
  };
}
