/*
 * The identities of the bundled sample (samples/eks-audit-sample.jsonl), shaped as EKS writes `user` for
 * each way of authenticating. Invented people and accounts; the account id is the AWS documentation one.
 */

export const ACCOUNT = '111122223333';
const SSO_ADMIN = 'AWSReservedSSO_AdministratorAccess_4b2f6c8d1e3a5f70';
const SSO_POWER = 'AWSReservedSSO_PowerUserAccess_9c1d3e5f7a2b4c6d';
const SSO_READ = 'AWSReservedSSO_ReadOnlyAccess_2e4f6a8c0b1d3e5f';

type User = Record<string, unknown>;

function iamUser(
  username: string,
  arn: string,
  canonicalArn: string,
  sessionName: string,
  principal: string,
): User {
  return {
    username,
    uid: `aws-iam-authenticator:${ACCOUNT}:${principal}`,
    groups: username.startsWith('system:node:')
      ? ['system:bootstrappers', 'system:nodes', 'system:authenticated']
      : ['system:authenticated'],
    extra: {
      accessKeyId: [`ASIA${principal.slice(4, 20).padEnd(16, 'X')}`],
      arn: [arn],
      canonicalArn: [canonicalArn],
      principalId: [principal],
      sessionName: [sessionName],
    },
  };
}

function ssoSession(role: string, email: string, username: string | undefined, principal: string): User {
  const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${email}`;
  return iamUser(username ?? arn, arn, `arn:aws:iam::${ACCOUNT}:role/${role}`, email, principal);
}

function roleSession(role: string, session: string, username: string | undefined, principal: string): User {
  const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`;
  return iamUser(username ?? arn, arn, `arn:aws:iam::${ACCOUNT}:role/${role}`, session, principal);
}

/** aws-auth adds the mapped groups before system:authenticated. */
function withGroups(user: User, groups: readonly string[]): User {
  return { ...user, groups: [...groups, 'system:authenticated'] };
}

function serviceAccount(namespace: string, name: string, pod: string): User {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    uid: 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
    extra: {
      'authentication.kubernetes.io/credential-id': ['JTI=7c2e9a41-3b5d-4f60-8e1a-2d4c6b8f0a13'],
      'authentication.kubernetes.io/node-name': ['ip-10-0-12-34.eu-west-1.compute.internal'],
      'authentication.kubernetes.io/pod-name': [pod],
    },
  };
}

/** Every identity in the sample, by role in the story. */
export const who = {
  /** Identity Center admin through an EKS access entry: the username is the session ARN. */
  alice: ssoSession(SSO_ADMIN, 'alice@example.com', undefined, 'AROAEXAMPLEALICE0001'),
  /** Identity Center power user mapped by aws-auth: `username: sso-power:{{SessionName}}`. */
  bob: withGroups(
    ssoSession(SSO_POWER, 'bob@example.com', 'sso-power:bob-example.com', 'AROAEXAMPLEBOB000002'),
    ['sso-power'],
  ),
  /** Identity Center read-only user: tries to read a secret and is refused. */
  dan: ssoSession(SSO_READ, 'dan@example.com', undefined, 'AROAEXAMPLEDAN000003'),
  /** A legacy IAM user mapped by aws-auth mapUsers; IAM users have an empty session name. */
  carol: withGroups(
    iamUser(
      'carol',
      `arn:aws:iam::${ACCOUNT}:user/carol`,
      `arn:aws:iam::${ACCOUNT}:user/carol`,
      '',
      'AIDAEXAMPLECAROL0004',
    ),
    ['platform-admins'],
  ),
  /** The shared admin role mapped to kubernetes-admin, from `aws eks get-token` (epoch session name). */
  kubeAdmin: withGroups(
    roleSession('KubeAdministrator', '1795183200123456789', 'kubernetes-admin', 'AROAEXAMPLEKUBEADM05'),
    ['system:masters'],
  ),
  /** The deployment pipeline's role through an access entry (matches `github-actions-*`). */
  ci: roleSession('github-actions-deploy', 'GitHubActions', undefined, 'AROAEXAMPLEGHACTNS06'),
  node: roleSession(
    'eks-node-group-role',
    'i-0a1b2c3d4e5f60718',
    'system:node:ip-10-0-12-34.eu-west-1.compute.internal',
    'AROAEXAMPLENODEROL07',
  ),
  addonManager: roleSession(
    'AWSWesleyClusterManagerLambda-Add-AddonManagerRole-1Q2W3E4R5T6Y',
    '1795183201987654321',
    'eks:addon-manager',
    'AROAEXAMPLEADDONMG08',
  ),
  eksCertificates: { username: 'eks:certificate-controller', groups: ['system:authenticated'] },
  eksNodeManager: { username: 'eks:node-manager', groups: ['system:authenticated'] },
  eksMetrics: { username: 'eks:k8s-metrics', groups: ['system:authenticated'] },
  controllerManager: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] },
  scheduler: { username: 'system:kube-scheduler', groups: ['system:authenticated'] },
  replicaSetController: serviceAccount('kube-system', 'replicaset-controller', 'kube-controller-manager'),
  awsNode: serviceAccount('kube-system', 'aws-node', 'aws-node-7xk2p'),
  coredns: serviceAccount('kube-system', 'coredns', 'coredns-5b7d8c9f6-q4w8e'),
  argocd: serviceAccount('argocd', 'argocd-application-controller', 'argocd-application-controller-0'),
  karpenter: serviceAccount('karpenter', 'karpenter', 'karpenter-6f8d9c7b5-m2n4p'),
  certManager: serviceAccount('cert-manager', 'cert-manager', 'cert-manager-7c9d8b6f5-k3j5h'),
  anonymous: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
} as const;

/** User agents as the real clients send them. */
export const agent = {
  kubectl: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46',
  kubectlOld: 'kubectl/v1.29.10 (linux/amd64) kubernetes/f0e4d8a',
  kubectlCi: 'kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc',
  kubelet: 'kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46',
  controllerManager: 'kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/leader-election',
  replicaSet:
    'kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/system:serviceaccount:kube-system:replicaset-controller',
  scheduler: 'kube-scheduler/v1.31.2 (linux/amd64) kubernetes/5864a46/leader-election',
  argocd: 'argocd-application-controller/v2.13.1+af54ef8 (linux/amd64) kubernetes/v0.31.0',
  karpenter: 'karpenter/v1.1.0 (linux/amd64) kubernetes/$Format',
  awsNode: 'aws-node/v1.19.0 (linux/amd64) kubernetes/$Format',
  coredns: 'coredns/v1.11.3 (linux/amd64) kubernetes/$Format',
  eks: 'eks-k8s-metrics/v0.0.0 (linux/amd64) kubernetes/$Format',
  addonManager: 'eks-addon-manager/v0.0.0 (linux/amd64) kubernetes/$Format',
  certManager: 'cert-manager-certificates-issuing/v1.16.2 (linux/amd64) cert-manager/1a2b3c4d',
  probe: 'kube-probe/1.31+',
} as const;
