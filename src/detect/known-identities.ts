/*
 * Identities Kubernetes and EKS reserve for themselves, and well-known automation, used by `classifyActor`.
 * Lists, not logic, so they can be reviewed against the Kubernetes and EKS documentation at a glance.
 */

/** Control-plane components that authenticate with their own certificates (kubeadm, EKS, minikube). */
export const controlPlaneUsernames: ReadonlySet<string> = new Set([
  'system:apiserver',
  'system:kube-apiserver',
  'system:kube-controller-manager',
  'system:kube-scheduler',
  'system:kube-proxy',
  'system:kube-aggregator',
  'system:cloud-controller-manager',
  'system:volume-scheduler',
  'kube-apiserver-kubelet-client',
  'aws-iam-authenticator',
]);

/**
 * Service accounts the kube-controller-manager runs its controllers as (`--use-service-account-credentials`).
 * They are the control plane, so `system`; any other service account is automation.
 */
export const controllerServiceAccounts: ReadonlySet<string> = new Set([
  'attachdetach-controller',
  'bootstrap-signer',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'service-account-controller',
  'service-cidrs-controller',
  'service-controller',
  'statefulset-controller',
  'token-cleaner',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
]);

/** Namespace prefixes of well-known automation running as service accounts, for the explanation only. */
export const knownAutomationNamespaces: readonly (readonly [prefix: string, name: string])[] = [
  ['argocd', 'Argo CD'],
  ['flux-system', 'Flux'],
  ['karpenter', 'Karpenter'],
  ['cert-manager', 'cert-manager'],
  ['external-secrets', 'External Secrets'],
  ['external-dns', 'ExternalDNS'],
  ['gatekeeper-system', 'Gatekeeper'],
  ['kyverno', 'Kyverno'],
];

/** User agents of tools that usually run unattended; a hint in the explanation, never a classification. */
export const automationUserAgentHints: readonly RegExp[] = [
  /^argocd/i,
  /^(helm|kustomize|source|notification)-controller/i,
  /^terraform|HashiCorp/i,
  /^Go-http-client/i,
  /^python-requests|^OpenAPI-Generator/i,
  /^(GitHub|gitlab|jenkins|spinnaker|atlantis)/i,
];

/**
 * Role session names that identify a program rather than a person: SDK defaults, epoch timestamps (the
 * `aws eks get-token` default), EC2 instance ids, UUIDs.
 */
export const machineSessionName =
  /^(\d+|botocore-session-\d+|aws-go-sdk-\d+|aws-sdk-[a-z-]+-\d+|i-[0-9a-f]{8,17}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|GitHubActions|EKS.*)$/;

/** Kubernetes usernames aws-auth commonly maps shared admin roles to: they name a role, not a person. */
export const sharedUsernames: ReadonlySet<string> = new Set([
  'kubernetes-admin',
  'admin',
  'cluster-admin',
  'administrator',
  'root',
  'eks-admin',
  'sre',
  'devops',
  'developer',
  'readonly',
  'viewer',
]);
