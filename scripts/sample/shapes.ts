import { ACCOUNT } from './identities';

/* Shared shapes of the sample story: addresses, authorization reasons, object references, pod specs. */

export const NODE_IP = '10.0.12.34';
export const CONTROL_PLANE_IP = '10.0.3.17';
export const ALICE_IP = '203.0.113.10';
export const BOB_IP = '198.51.100.23';
export const CAROL_IP = '203.0.113.77';
export const CI_IP = '192.0.2.140';

export const ssoAdminPolicy = (user: Record<string, unknown>) =>
  `EKS Access Policy: allowed by ClusterRoleBinding "arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_AdministratorAccess_4b2f6c8d1e3a5f70+arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy" of ClusterRole "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy" to User "${String(user.username)}"`;
export const rbac = (kind: string, binding: string, role: string, subject: string) =>
  `RBAC: allowed by ${kind} "${binding}" of ClusterRole "${role}" to ${subject}`;
export const controller = (name: string) =>
  rbac(
    'ClusterRoleBinding',
    `system:controller:${name}`,
    `system:controller:${name}`,
    `ServiceAccount "${name}/kube-system"`,
  );
export const BOTH = ['RequestReceived', 'ResponseComplete'] as const;

export const core = (
  resource: string,
  namespace: string | undefined,
  name: string | undefined,
  subresource?: string,
) => ({
  resource,
  ...(namespace ? { namespace } : {}),
  ...(name ? { name } : {}),
  apiVersion: 'v1',
  ...(subresource ? { subresource } : {}),
});
export const grouped = (resource: string, apiGroup: string, namespace: string | undefined, name: string) => ({
  resource,
  ...(namespace ? { namespace } : {}),
  name,
  apiGroup,
  apiVersion: 'v1',
});
export const pod = (name: string, spec: Record<string, unknown>) => ({
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { name, namespace: 'kube-system', creationTimestamp: null },
  spec,
  status: {},
});
