import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditEvent } from '../../src/audit/event';
import { normalizeAuditEvent } from '../../src/audit/normalize';
import type { NormalizedAuditEvent } from '../../src/audit/normalized';
import { classifyActor } from '../../src/detect/actor';
import { ActorConfigSchema } from '../../src/detect/actor-config';
import { ACCOUNT, anAuditEvent, SSO_ROLE, ssoUser } from '../fixtures/audit/events';

/* One test per identity form, each with the event that shows it: built EKS events, and the corpus's real ones. */

function normalized(raw: unknown): NormalizedAuditEvent {
  const result = parseAuditEvent(raw, 'test');
  if (!result.ok) throw new Error(result.problem.detail);
  return normalizeAuditEvent(result.event);
}

/** An EKS event by this user (the user object replaces the default one whole). */
function by(user: Record<string, unknown>, more: Record<string, unknown> = {}): NormalizedAuditEvent {
  return normalized({ ...anAuditEvent(more), user });
}

function iamExtra(arn: string, canonicalArn: string, sessionName: string): Record<string, string[]> {
  return {
    accessKeyId: ['ASIAEXAMPLEKEY000002'],
    arn: [arn],
    canonicalArn: [canonicalArn],
    sessionName: [sessionName],
  };
}

const corpus = new URL('../../../shared/corpus/audit/', import.meta.url);
function corpusEvent(file: string, match = (_event: Record<string, unknown>) => true): NormalizedAuditEvent {
  const text = readFileSync(new URL(file, corpus), 'utf8');
  for (const line of text.split('\n').filter(Boolean)) {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const event = (parsed.event ?? parsed) as Record<string, unknown>;
    if (match(event)) return normalized(event);
  }
  throw new Error(`no matching event in ${file}`);
}
const username = (name: string) => (event: Record<string, unknown>) =>
  (event.user as { username?: string } | undefined)?.username === name;

const noConfig = ActorConfigSchema.parse({});

describe('classifyActor: people behind IAM (EKS)', () => {
  it('names an IAM Identity Center user by the session name (an e-mail) under an access entry', () => {
    const actor = classifyActor(by(ssoUser('alice@example.com')), noConfig);
    expect(actor).toMatchObject({
      type: 'human',
      displayName: 'alice@example.com',
      email: 'alice@example.com',
      sessionName: 'alice@example.com',
      iamArn: `arn:aws:iam::${ACCOUNT}:role/${SSO_ROLE}`,
      username: `arn:aws:sts::${ACCOUNT}:assumed-role/${SSO_ROLE}/alice@example.com`,
    });
    expect(actor.classification).toBe(
      `person: IAM Identity Center user alice@example.com (permission set AdministratorAccess, account ${ACCOUNT}) (EKS access entry: the username is the IAM ARN)`,
    );
  });

  it('names an Identity Center user mapped by aws-auth with a {{SessionName}} template', () => {
    // aws-auth: rolearn: .../AWSReservedSSO_AdministratorAccess_..., username: sso-admin:{{SessionName}}
    const actor = classifyActor(by(ssoUser('bob@example.com', 'sso-admin:bob-example.com')), noConfig);
    expect(actor).toMatchObject({
      type: 'human',
      displayName: 'bob@example.com',
      username: 'sso-admin:bob-example.com',
    });
    expect(actor.classification).toContain('as Kubernetes user "sso-admin:bob-example.com"');
  });

  it('names an Identity Center user whose user name is not an e-mail by the session name', () => {
    const actor = classifyActor(by(ssoUser('carol', 'kubernetes-admin')), noConfig);
    expect(actor).toMatchObject({ type: 'human', displayName: 'carol', sessionName: 'carol' });
    expect(actor.email).toBeUndefined();
  });

  it('names an IAM user mapped by aws-auth by the user name in the ARN (its session name is empty)', () => {
    const userArn = `arn:aws:iam::${ACCOUNT}:user/dave`;
    const user = {
      username: 'dave-admin',
      groups: ['system:masters'],
      extra: iamExtra(userArn, userArn, ''),
    };
    const actor = classifyActor(by(user), noConfig);
    expect(actor).toMatchObject({
      type: 'human',
      displayName: 'dave',
      iamArn: userArn,
      username: 'dave-admin',
    });
    expect(actor.sessionName).toBeUndefined();
    expect(actor.classification).toBe(
      `person: IAM user dave (account ${ACCOUNT}) as Kubernetes user "dave-admin"`,
    );
  });

  it('names an IAM user under an access entry (username is the user ARN, no extras) from the ARN path', () => {
    const actor = classifyActor(
      by({ username: `arn:aws:iam::${ACCOUNT}:user/ops/erin`, groups: [] }),
      noConfig,
    );
    expect(actor).toMatchObject({
      type: 'human',
      displayName: 'erin',
      iamArn: `arn:aws:iam::${ACCOUNT}:user/ops/erin`,
    });
  });

  it('uses an e-mail IAM user name as the e-mail', () => {
    const userArn = `arn:aws:iam::${ACCOUNT}:user/frank@example.com`;
    const actor = classifyActor(by({ username: 'frank', extra: iamExtra(userArn, userArn, '') }), noConfig);
    expect(actor).toMatchObject({ displayName: 'frank@example.com', email: 'frank@example.com' });
  });

  it('keeps kubernetes-admin for a shared role with a machine session name (Panther EKS event)', () => {
    const event = corpusEvent('panther-analysis__global_helpers_global_helpers_test.extracted.jsonl');
    const actor = classifyActor(event, noConfig);
    expect(actor).toMatchObject({
      type: 'human',
      displayName: 'kubernetes-admin',
      iamArn: 'arn:aws:iam::123412341234:role/KubeAdministrator',
      sessionName: '1669660343296132000',
    });
    expect(actor.classification).toBe(
      'person: IAM role KubeAdministrator session "1669660343296132000" (account 123412341234) as Kubernetes user "kubernetes-admin"',
    );
  });

  it('shows an aws-auth mapped username that names a person (sre/alice)', () => {
    const sts = `arn:aws:sts::${ACCOUNT}:assumed-role/SRE/botocore-session-1732100000`;
    const user = {
      username: 'sre/alice',
      extra: iamExtra(sts, `arn:aws:iam::${ACCOUNT}:role/SRE`, 'botocore-session-1732100000'),
    };
    expect(classifyActor(by(user), noConfig)).toMatchObject({ type: 'human', displayName: 'sre/alice' });
  });

  it('shows role/session for an access entry on a plain role', () => {
    const user = {
      username: `arn:aws:sts::${ACCOUNT}:assumed-role/PlatformAdmin/grace`,
      groups: ['system:authenticated'],
    };
    const actor = classifyActor(by(user), noConfig);
    expect(actor).toMatchObject({
      type: 'human',
      displayName: 'PlatformAdmin/grace',
      sessionName: 'grace',
      iamArn: user.username,
    });
  });

  it('classifies the impersonator, not the identity impersonated', () => {
    const impersonatedUser = {
      username: 'system:serviceaccount:prod:deployer',
      groups: ['system:serviceaccounts'],
    };
    const actor = classifyActor(by(ssoUser(), { impersonatedUser }), noConfig);
    expect(actor).toMatchObject({ type: 'human', displayName: 'alice@example.com' });
  });

  it('treats an IAM principal mapped to a control-plane name as a person, and says so', () => {
    const sts = `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/mallory`;
    const user = {
      username: 'system:kube-scheduler',
      extra: iamExtra(sts, `arn:aws:iam::${ACCOUNT}:role/Dev`, 'mallory'),
    };
    const actor = classifyActor(by(user), noConfig);
    expect(actor.type).toBe('human');
    expect(actor.classification).toContain(
      'IAM principal mapped to the control-plane name system:kube-scheduler',
    );
  });
});

describe('classifyActor: people without IAM', () => {
  it('classifies a certificate user (Falco trace: minikube-user) as a person', () => {
    const event = corpusEvent('falco__test_trace_files_k8s_audit_minikube_creates_namespace_foo.json');
    expect(classifyActor(event, noConfig)).toMatchObject({
      type: 'human',
      displayName: 'minikube-user',
      classification:
        'person: Kubernetes user "minikube-user" (no IAM identity: a certificate, token or OIDC login)',
    });
  });

  it('mentions an automation-looking user agent only as a hint: it can be forged', () => {
    const actor = classifyActor(
      by(ssoUser(), { userAgent: 'argocd-application-controller/v2.13.1' }),
      noConfig,
    );
    expect(actor.type).toBe('human');
    expect(actor.classification).toContain('user agent "argocd-application-controller" suggests a tool');
    expect(actor.classification).toContain('can be forged');
  });
});

describe('classifyActor: automation', () => {
  it('classifies a service account as automation (Panther EKS event: coredns)', () => {
    const event = corpusEvent(
      'ALL_native_k8s_audit_events.jsonl',
      username('system:serviceaccount:kube-system:coredns'),
    );
    expect(classifyActor(event, noConfig)).toMatchObject({
      type: 'automation',
      displayName: 'system:serviceaccount:kube-system:coredns',
      classification: 'automation: Kubernetes service account system:serviceaccount:kube-system:coredns',
    });
  });

  it('names GitOps tools running as service accounts (Argo CD)', () => {
    const user = {
      username: 'system:serviceaccount:argocd:argocd-application-controller',
      groups: ['system:serviceaccounts'],
    };
    expect(
      classifyActor(by(user, { userAgent: 'argocd-application-controller/v2.13.1' }), noConfig)
        .classification,
    ).toBe(
      'automation: Kubernetes service account system:serviceaccount:argocd:argocd-application-controller (Argo CD)',
    );
  });

  it('never lets a user agent make a service account a person, or a person automation', () => {
    const user = { username: 'system:serviceaccount:ci:runner', groups: [] };
    const viaKubectl = classifyActor(by(user, { userAgent: 'kubectl/v1.31.2' }), noConfig);
    expect(viaKubectl.type).toBe('automation');
    expect(viaKubectl.classification).toContain("a person may be using the service account's token");
    expect(classifyActor(by(ssoUser(), { userAgent: 'Go-http-client/2.0' }), noConfig).type).toBe('human');
  });

  it('classifies a CI role session (access entry) by the built-in github-actions-* role pattern', () => {
    const sts = `arn:aws:sts::${ACCOUNT}:assumed-role/github-actions-deploy/GitHubActions`;
    const actor = classifyActor(by({ username: sts, groups: ['system:authenticated'] }), noConfig);
    expect(actor).toMatchObject({ type: 'automation', sessionName: 'GitHubActions' });
    expect(actor.classification).toBe(
      `automation: IAM principal ${sts} matches automation pattern "arn:aws:iam::*:role/github-actions-*"`,
    );
  });

  it('classifies a configured pipeline role as automation, and the same role as a person without config', () => {
    const sts = `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-pipeline/1732100000000`;
    const user = {
      username: 'deployer',
      extra: iamExtra(sts, `arn:aws:iam::${ACCOUNT}:role/deploy-pipeline`, '1732100000000'),
    };
    const config = ActorConfigSchema.parse({
      automation: { iamArns: ['arn:aws:iam::*:role/deploy-pipeline'] },
    });
    expect(classifyActor(by(user), config).type).toBe('automation');
    expect(classifyActor(by(user), noConfig).type).toBe('human');
  });

  it('classifies configured usernames and groups as automation', () => {
    const config = ActorConfigSchema.parse({
      automation: { usernames: ['flux-*'], groups: ['ci:deployers'] },
    });
    expect(classifyActor(by({ username: 'flux-bot' }), config).classification).toBe(
      'automation: username matches automation pattern "flux-*"',
    );
    const member = classifyActor(by({ username: 'jenkins', groups: ['ci:deployers'] }), config);
    expect(member.classification).toBe(
      'automation: member of a group matching automation pattern "ci:deployers"',
    );
  });

  it('lets a human override win over automation (a break-glass service account used by people)', () => {
    const config = ActorConfigSchema.parse({
      human: { usernames: ['system:serviceaccount:ops:break-glass'] },
    });
    const actor = classifyActor(by({ username: 'system:serviceaccount:ops:break-glass' }), config);
    expect(actor.type).toBe('human');
    expect(actor.classification).toContain(
      'username matches human override "system:serviceaccount:ops:break-glass"',
    );
  });
});

describe('classifyActor: system and anonymous', () => {
  it('classifies an EKS node (Panther EKS event) as system', () => {
    const name = 'system:node:ip-192-168-3-178.us-west-2.compute.internal';
    const actor = classifyActor(corpusEvent('ALL_native_k8s_audit_events.jsonl', username(name)), noConfig);
    expect(actor).toMatchObject({
      type: 'system',
      classification: `system: node identity ${name} (kubelet)`,
    });
  });

  it('classifies a minikube node (Falco trace) as system', () => {
    const event = corpusEvent('falco__test_trace_files_k8s_audit_create_nginx_pod_unsensitive_mount.json');
    expect(classifyActor(event, noConfig)).toMatchObject({
      type: 'system',
      displayName: 'system:node:minikube',
    });
  });

  it('classifies eks:* identities (AWS immersion-day EKS event: eks:k8s-metrics) as system', () => {
    const event = corpusEvent('amazon-eks-security-immersion-day__query-using-log-insights.extracted.jsonl');
    expect(classifyActor(event, noConfig).classification).toBe(
      'system: EKS-managed identity eks:k8s-metrics',
    );
  });

  it('classifies eks:addon-manager, which authenticates through an AWS-owned IAM role, as system', () => {
    const event = corpusEvent('ALL_native_k8s_audit_events.jsonl', username('eks:addon-manager'));
    expect(classifyActor(event, noConfig)).toMatchObject({
      type: 'system',
      iamArn: expect.stringContaining('AddonManagerRole'),
    });
  });

  it('classifies a control-plane component (Falco trace: kube-controller-manager) as system', () => {
    const event = corpusEvent('falco__test_trace_files_k8s_audit_create_service_account_token_secret.json');
    expect(classifyActor(event, noConfig).classification).toBe(
      'system: control-plane component system:kube-controller-manager',
    );
  });

  it("classifies the controller-manager's controller service accounts (Falco trace: replicaset-controller) as system", () => {
    const event = corpusEvent('falco__test_trace_files_k8s_audit_create_nginx_pod_privileged.json');
    expect(classifyActor(event, noConfig).classification).toBe(
      'system: kube-controller-manager controller replicaset-controller (service account)',
    );
  });

  it('classifies system:anonymous (Falco trace) as anonymous, whatever groups it claims', () => {
    const event = corpusEvent('falco__test_trace_files_k8s_audit_anonymous_creates_namespace_foo.json');
    expect(classifyActor(event, noConfig)).toMatchObject({
      type: 'anonymous',
      displayName: 'system:anonymous',
    });
  });

  it('classifies members of system:unauthenticated as anonymous', () => {
    const actor = classifyActor(
      by({ username: 'system:anonymous-x', groups: ['system:unauthenticated'] }),
      noConfig,
    );
    expect(actor).toMatchObject({
      type: 'anonymous',
      classification: 'anonymous: member of group system:unauthenticated',
    });
  });
});
