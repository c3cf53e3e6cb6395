import type { Finding } from '../../src/finding/schema';
import type { Alert, AlertResponse } from '../../src/triage/model';

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

function merge<T>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (!overrides) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? merge(current, value as DeepPartial<typeof current>)
        : value;
  }
  return out as T;
}

/** A realistic finding: alice (via IAM Identity Center) deleted secret kube-system/db-creds on prod-eu. */
export function aFinding(overrides?: DeepPartial<Finding>): Finding {
  const base: Finding = {
    schemaVersion: 1,
    id: 'f-6b1d0c9e2a4f',
    fingerprint: 'fp-secrets-delete-alice',
    severity: 'high',
    summary: 'alice@example.com deleted secret kube-system/db-creds on prod-eu',
    outcome: 'allowed',
    responseCode: 200,
    auditId: '4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10',
    stage: 'ResponseComplete',
    time: '2026-11-20T14:01:07.123Z',
    detectedAt: '2026-11-20T14:01:09.000Z',
    actor: {
      type: 'human',
      displayName: 'alice@example.com',
      username:
        'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com',
      groups: ['system:authenticated'],
      iamArn:
        'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef',
      sessionName: 'alice@example.com',
      email: 'alice@example.com',
      classification: 'IAM Identity Center session of a person',
    },
    action: {
      verb: 'delete',
      resource: 'secrets',
      apiGroup: '',
      namespace: 'kube-system',
      name: 'db-creds',
      requestUri: '/api/v1/namespaces/kube-system/secrets/db-creds',
      dryRun: false,
    },
    where: {
      cluster: 'prod-eu',
      accountId: '111122223333',
      accountName: 'production',
      region: 'eu-west-1',
      logGroup: '/aws/eks/prod-eu/cluster',
    },
    source: { ips: ['203.0.113.10'], userAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46' },
    rule: {
      id: 'secret-change-protected-namespace',
      title: 'Secret changed in a protected namespace',
      severity: 'high',
      mitre: { id: 'T1552.007', name: 'Unsecured Credentials: Container API' },
    },
    alsoMatched: [],
    reasons: [
      'verb is delete',
      'resource is secrets',
      'namespace kube-system is protected',
      'actor is a person',
    ],
    links: {},
  };
  return merge(base, overrides);
}

/** An open alert for `aFinding()`, with no responses and no posted card. */
export function anAlert(overrides?: Partial<Alert>): Alert {
  const finding = overrides?.finding ?? aFinding();
  return {
    id: finding.id,
    finding,
    createdAt: '2026-11-20T14:01:10.000Z',
    status: 'open',
    responses: [],
    messages: [],
    ...overrides,
  };
}

/** An acknowledgement by bob in Slack. */
export function aResponse(overrides?: Partial<AlertResponse>): AlertResponse {
  return {
    action: 'acknowledge',
    by: { platform: 'slack', userId: 'U0BOB', name: 'bob', email: 'bob@example.com' },
    at: '2026-11-20T14:02:00.000Z',
    ...overrides,
  };
}
