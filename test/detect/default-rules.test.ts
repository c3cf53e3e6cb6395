import { describe, expect, it } from 'vitest';
import { anonymous, aPod, node, serviceAccount } from '../support/audit-builders';
import { rulesFiredBy, runOne, skipReasonOf } from '../support/detect-harness';

/** objectRef + requestURI for a namespaced object. */
function on(resource: string, namespace: string, name?: string, extra: Record<string, unknown> = {}) {
  const group = typeof extra.apiGroup === 'string' ? extra.apiGroup : '';
  const base = group ? `/apis/${group}/v1` : '/api/v1';
  const sub = typeof extra.subresource === 'string' ? `/${extra.subresource}` : '';
  return {
    objectRef: { resource, namespace, name, apiVersion: 'v1', ...extra },
    requestURI: `${base}/namespaces/${namespace}/${resource}${name ? `/${name}` : ''}${sub}`,
  };
}

/** objectRef + requestURI for a cluster-scoped object. */
function onCluster(resource: string, apiGroup: string, name?: string) {
  return {
    objectRef: { resource, name, apiGroup, apiVersion: 'v1', namespace: undefined },
    requestURI: `/apis/${apiGroup}/v1/${resource}${name ? `/${name}` : ''}`,
  };
}

const sreBob = {
  username: 'sre/bob',
  groups: ['system:masters', 'system:authenticated'],
  extra: {
    arn: ['arn:aws:sts::111122223333:assumed-role/sre/bob'],
    canonicalArn: ['arn:aws:iam::111122223333:role/sre'],
    sessionName: ['bob'],
  },
};

const binding = (role: string) => ({
  kind: 'ClusterRoleBinding',
  apiVersion: 'rbac.authorization.k8s.io/v1',
  metadata: { name: 'ops' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: [{ kind: 'User', name: 'mallory' }],
});

describe('default rules: each fires on its case and not on its near miss', () => {
  it('seed-manual-change: the seed pattern, for its own usernames only', () => {
    expect(rulesFiredBy({ user: sreBob, ...on('secrets', 'vault', 'token') })).toEqual([
      'seed-manual-change',
    ]);
    expect(
      rulesFiredBy({ user: { ...sreBob, username: 'dev/carol' }, ...on('secrets', 'vault', 'token') }),
    ).toEqual([]);
  });

  it('rbac-binding-privileged-role: a binding to cluster-admin or admin is critical', () => {
    const crb = { verb: 'create', ...onCluster('clusterrolebindings', 'rbac.authorization.k8s.io', 'ops') };
    expect(rulesFiredBy({ ...crb, requestObject: binding('cluster-admin') })).toEqual([
      'rbac-binding-privileged-role',
      'rbac-change',
    ]);
    const rb = {
      verb: 'create',
      ...on('rolebindings', 'payments', 'ops', { apiGroup: 'rbac.authorization.k8s.io' }),
    };
    expect(rulesFiredBy({ ...rb, requestObject: binding('admin') })[0]).toBe('rbac-binding-privileged-role');
    expect(rulesFiredBy({ ...crb, requestObject: binding('view') })).toEqual(['rbac-change']);
    expect(runOne({ ...crb, requestObject: binding('cluster-admin') }).findings[0]?.severity).toBe(
      'critical',
    );
  });

  it('rbac-change: any change to roles and bindings, never a read', () => {
    const role = on('roles', 'payments', 'reader', { apiGroup: 'rbac.authorization.k8s.io' });
    expect(rulesFiredBy({ verb: 'delete', ...role })).toEqual(['rbac-change']);
    expect(
      rulesFiredBy({ verb: 'patch', ...onCluster('clusterroles', 'rbac.authorization.k8s.io', 'edit') }),
    ).toEqual(['rbac-change']);
    expect(rulesFiredBy({ verb: 'get', ...role })).toEqual([]);
  });

  it('secret-change-protected: secrets changed in kube-system, not in an application namespace', () => {
    expect(rulesFiredBy({})).toEqual(['secret-change-protected']);
    expect(rulesFiredBy({ verb: 'create', ...on('secrets', 'kube-system') })).toEqual([
      'secret-change-protected',
    ]);
    expect(rulesFiredBy({ ...on('secrets', 'payments', 'db-creds') })).toEqual([]);
  });

  it('secret-read-protected: a person reading kube-system secrets or listing secrets cluster-wide', () => {
    expect(rulesFiredBy({ verb: 'get' })).toEqual(['secret-read-protected']);
    expect(
      rulesFiredBy({
        verb: 'list',
        objectRef: { resource: 'secrets', apiVersion: 'v1' },
        requestURI: '/api/v1/secrets',
      }),
    ).toEqual(['secret-read-protected']);
    expect(rulesFiredBy({ verb: 'get', ...on('secrets', 'payments', 'db-creds') })).toEqual([]);
  });

  it('serviceaccount-change-protected: service accounts changed in kube-system only', () => {
    expect(rulesFiredBy({ verb: 'create', ...on('serviceaccounts', 'kube-system', 'deployer') })).toEqual([
      'serviceaccount-change-protected',
    ]);
    expect(rulesFiredBy({ verb: 'create', ...on('serviceaccounts', 'payments', 'deployer') })).toEqual([]);
  });

  it('serviceaccount-token-protected: kubectl create token for a kube-system service account', () => {
    const token = (ns: string) => ({
      verb: 'create',
      ...on('serviceaccounts', ns, 'aws-node', { subresource: 'token' }),
    });
    expect(rulesFiredBy(token('kube-system'))).toEqual(['serviceaccount-token-protected']);
    expect(runOne(token('kube-system')).findings[0]?.summary).toBe(
      'alice@example.com created a token for serviceaccount kube-system/aws-node on prod-eu',
    );
    expect(rulesFiredBy(token('payments'))).toEqual([]);
  });

  it('aws-auth-change: a change to kube-system/aws-auth, not a read and not another ConfigMap', () => {
    expect(rulesFiredBy({ verb: 'patch', ...on('configmaps', 'kube-system', 'aws-auth') })).toEqual([
      'aws-auth-change',
    ]);
    expect(rulesFiredBy({ verb: 'get', ...on('configmaps', 'kube-system', 'aws-auth') })).toEqual([]);
    expect(rulesFiredBy({ verb: 'patch', ...on('configmaps', 'kube-system', 'coredns') })).toEqual([]);
  });

  it('pod-exec: exec (POST or WebSocket GET) and attach in any namespace; logs are a plain read', () => {
    const pod = (subresource: string, verb = 'create') => ({
      verb,
      ...on('pods', 'payments', 'api-7d9', { subresource }),
    });
    expect(rulesFiredBy(pod('exec'))).toEqual(['pod-exec']);
    expect(rulesFiredBy(pod('exec', 'get'))).toEqual(['pod-exec']);
    expect(rulesFiredBy(pod('attach'))).toEqual(['pod-exec']);
    expect(rulesFiredBy(pod('log', 'get'))).toEqual([]);
  });

  it('pod-port-forward: kubectl port-forward', () => {
    expect(
      rulesFiredBy({ verb: 'create', ...on('pods', 'payments', 'api-7d9', { subresource: 'portforward' }) }),
    ).toEqual(['pod-port-forward']);
    expect(
      rulesFiredBy({ verb: 'get', ...on('services', 'payments', 'api', { subresource: 'proxy' }) }),
    ).toEqual([]);
  });

  it('privileged-pod: a privileged container in a pod or a workload template, in any namespace', () => {
    const pod = { verb: 'create', ...on('pods', 'payments'), level: 'Request' };
    expect(rulesFiredBy({ ...pod, requestObject: aPod({ privileged: true }) })).toEqual(['privileged-pod']);
    const deployment = { kind: 'Deployment', spec: { template: aPod({ privileged: true }) } };
    const apps = on('deployments', 'payments', 'api', { apiGroup: 'apps' });
    expect(rulesFiredBy({ verb: 'patch', ...apps, requestObject: deployment })).toEqual(['privileged-pod']);
    expect(rulesFiredBy({ ...pod, requestObject: aPod() })).toEqual([]);
  });

  it('hostpath-pod: a hostPath volume', () => {
    const pod = { verb: 'create', ...on('pods', 'payments'), level: 'Request' };
    expect(rulesFiredBy({ ...pod, requestObject: aPod({ hostPath: '/var/run/docker.sock' }) })).toEqual([
      'hostpath-pod',
    ]);
    expect(rulesFiredBy({ ...pod, requestObject: aPod() })).toEqual([]);
  });

  it('workload-change-protected: workloads in kube-system, not in application namespaces', () => {
    expect(
      rulesFiredBy({ verb: 'create', ...on('deployments', 'kube-system', 'tool', { apiGroup: 'apps' }) }),
    ).toEqual(['workload-change-protected']);
    expect(
      rulesFiredBy({ verb: 'create', ...on('deployments', 'payments', 'api', { apiGroup: 'apps' }) }),
    ).toEqual([]);
  });

  it('admission-webhook-change: mutating and validating webhook configurations', () => {
    const group = 'admissionregistration.k8s.io';
    expect(
      rulesFiredBy({ verb: 'create', ...onCluster('validatingwebhookconfigurations', group, 'gate') }),
    ).toEqual(['admission-webhook-change']);
    expect(
      rulesFiredBy({ verb: 'delete', ...onCluster('mutatingwebhookconfigurations', group, 'inject') }),
    ).toEqual(['admission-webhook-change']);
    expect(rulesFiredBy({ verb: 'list', ...onCluster('mutatingwebhookconfigurations', group) })).toEqual([]);
  });

  it('namespace-delete: deleting a namespace, not creating one', () => {
    const ns = {
      objectRef: { resource: 'namespaces', name: 'payments', namespace: 'payments', apiVersion: 'v1' },
      requestURI: '/api/v1/namespaces/payments',
    };
    expect(rulesFiredBy({ verb: 'delete', ...ns })).toEqual(['namespace-delete']);
    expect(rulesFiredBy({ verb: 'create', ...ns })).toEqual([]);
  });

  it('crd-delete: deleting a CustomResourceDefinition, not creating one', () => {
    const crd = onCluster(
      'customresourcedefinitions',
      'apiextensions.k8s.io',
      'certificates.cert-manager.io',
    );
    expect(rulesFiredBy({ verb: 'delete', ...crd })).toEqual(['crd-delete']);
    expect(rulesFiredBy({ verb: 'create', ...crd })).toEqual([]);
  });

  it('impersonation: any request made with --as, even a read', () => {
    const asAdmin = { impersonatedUser: { username: 'system:admin', groups: ['system:masters'] } };
    const pods = { verb: 'list', ...on('pods', 'payments') };
    expect(rulesFiredBy({ ...pods, ...asAdmin })).toEqual(['impersonation']);
    expect(runOne({ ...pods, ...asAdmin }).findings[0]?.summary).toBe(
      'alice@example.com (as system:admin) listed pods in payments on prod-eu',
    );
    expect(rulesFiredBy(pods)).toEqual([]);
  });

  it('anonymous-allowed: an anonymous request let through, except the endpoints public by default', () => {
    const anon = { user: anonymous, verb: 'list', ...on('pods', 'default') };
    expect(rulesFiredBy(anon)).toEqual(['anonymous-allowed']);
    const publicPath = (path: string) => ({
      user: anonymous,
      verb: 'get',
      objectRef: undefined,
      requestURI: path,
    });
    for (const path of [
      '/healthz',
      '/livez',
      '/readyz?verbose',
      '/version',
      '/.well-known/openid-configuration',
    ]) {
      expect(rulesFiredBy(publicPath(path)), path).toEqual([]);
    }
    expect(rulesFiredBy({ ...anon, responseStatus: { code: 403 } })).toEqual([]);
  });
});

describe('default rules: noise stays quiet, and says why', () => {
  it('automation (a service account) changing a kube-system secret', () => {
    expect(skipReasonOf({ user: serviceAccount('argocd', 'argocd-application-controller') })).toEqual([
      'automation actor',
    ]);
  });

  it('an identity configured as automation (the CI role) is automation', async () => {
    const { detectionConfigFrom } = await import('../../src/detect/config');
    const config = detectionConfigFrom({
      automationRoleArns: ['arn:aws:iam::111122223333:role/AWSReservedSSO_*'],
    });
    expect(skipReasonOf({}, config)).toEqual(['automation actor']);
  });

  it('system identities (a node)', () => {
    expect(skipReasonOf({ user: node, verb: 'get' })).toEqual(['system actor']);
  });

  it('dry-run requests', () => {
    expect(
      skipReasonOf({ requestURI: '/api/v1/namespaces/kube-system/secrets/db-creds?dryRun=All' }),
    ).toEqual(['dry-run']);
  });

  it('plain reads of ordinary resources (configmaps, pods, deployments)', () => {
    expect(skipReasonOf({ verb: 'get', ...on('configmaps', 'kube-system', 'coredns') })).toEqual([
      'plain read',
    ]);
    expect(skipReasonOf({ verb: 'list', ...on('pods', 'kube-system') })).toEqual(['plain read']);
  });

  it('workloads in namespaces that are not protected', () => {
    expect(skipReasonOf({ verb: 'delete', ...on('pods', 'payments', 'api-7d9') })).toEqual([
      'no rule matched',
    ]);
  });

  it('failed requests that were not refusals (404)', () => {
    expect(skipReasonOf({ responseStatus: { code: 404, reason: 'NotFound' } })).toEqual(['request failed']);
  });

  it('a namespace becomes protected by configuration', async () => {
    const { detectionConfigFrom } = await import('../../src/detect/config');
    const config = detectionConfigFrom({ protectedNamespaces: ['payments'] });
    expect(rulesFiredBy({ ...on('secrets', 'payments', 'db-creds') }, config)).toEqual([
      'secret-change-protected',
    ]);
  });
});

describe('default rules: denied attempts', () => {
  it('reports a 403 on a watched action as a denied attempt, not a change', () => {
    const [finding] = runOne({ responseStatus: { code: 403, reason: 'Forbidden' } }).findings;
    expect(finding).toMatchObject({
      outcome: 'denied',
      responseCode: 403,
      rule: { id: 'secret-change-protected' },
    });
    expect(finding?.summary).toBe(
      'alice@example.com tried to delete secret kube-system/db-creds on prod-eu (denied, 403)',
    );
  });

  it('reports a refused exec the same way', () => {
    const [finding] = runOne({
      verb: 'create',
      ...on('pods', 'payments', 'api', { subresource: 'exec' }),
      responseStatus: { code: 403 },
    }).findings;
    expect(finding?.summary).toBe(
      'alice@example.com tried to exec into pod payments/api on prod-eu (denied, 403)',
    );
  });

  it('reports a refused read of a kube-system secret as an attempt to read it', () => {
    const [finding] = runOne({ verb: 'get', responseStatus: { code: 403 } }).findings;
    expect(finding?.outcome).toBe('denied');
    expect(finding?.summary).toBe(
      'alice@example.com tried to read secret kube-system/db-creds on prod-eu (denied, 403)',
    );
  });
});
