import { describe, expect, it } from 'vitest';
import { type AuditEvent, parseAuditEvent } from '../../src/audit/event';
import { normalizeAuditEvent } from '../../src/audit/normalize';
import { normalizeTimestamp } from '../../src/audit/timestamp';
import { anAuditEvent } from '../fixtures/audit/events';

function event(overrides: Record<string, unknown> = {}): AuditEvent {
  const result = parseAuditEvent(anAuditEvent(overrides), 'test');
  if (!result.ok) throw new Error(result.problem.detail);
  return result.event;
}

describe('normalizeAuditEvent', () => {
  it('gives the normalised view of an EKS event', () => {
    const view = normalizeAuditEvent(event());
    expect(view).toMatchObject({
      auditId: '4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10',
      stage: 'ResponseComplete',
      time: '2026-11-20T14:01:07.123Z',
      verb: 'delete',
      requestUri: '/api/v1/namespaces/kube-system/secrets/db-creds',
      resource: 'secrets',
      apiGroup: '',
      apiVersion: 'v1',
      namespace: 'kube-system',
      name: 'db-creds',
      responseCode: 200,
      sourceIps: ['203.0.113.10'],
      userAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46',
      dryRun: false,
      authorizationDecision: 'allow',
      level: 'Metadata',
      missing: [],
    });
    expect(view.iam).toEqual({
      arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com',
      canonicalArn: 'arn:aws:iam::111122223333:role/AWSReservedSSO_AdministratorAccess_0123456789abcdef',
      sessionName: 'alice@example.com',
      accessKeyId: 'ASIAEXAMPLEKEY000001',
      principalId: 'AROAEXAMPLEID0000SSO',
    });
  });

  it('normalises the EKS/Panther timestamp form to ISO', () => {
    const view = normalizeAuditEvent(event({ stageTimestamp: '2022-11-29 00:09:04.38' }));
    expect(view.time).toBe('2022-11-29T00:09:04.380Z');
  });

  it('falls back to requestReceivedTimestamp, then the CloudWatch time, when stageTimestamp is missing', () => {
    const noStage = event({ stageTimestamp: undefined });
    expect(normalizeAuditEvent(noStage).time).toBe('2026-11-20T14:01:07.104Z');
    const none = event({ stageTimestamp: undefined, requestReceivedTimestamp: undefined });
    expect(normalizeAuditEvent(none, { fallbackTime: '2026-01-01T00:00:00.000Z' }).time).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(normalizeAuditEvent(none).missing).toContain('stageTimestamp');
  });

  it('takes the CloudWatch time as the epoch milliseconds a subscription gives, formatted only when used', () => {
    const none = event({ stageTimestamp: undefined, requestReceivedTimestamp: undefined });
    const at = Date.parse('2026-11-20T14:01:07.000Z');
    expect(normalizeAuditEvent(none, { fallbackTime: at }).time).toBe('2026-11-20T14:01:07.000Z');
    expect(normalizeAuditEvent(none, { fallbackTime: Number.NaN }).time).toBe('');
    expect(normalizeAuditEvent(event({}), { fallbackTime: at }).time).toBe('2026-11-20T14:01:07.123Z');
  });

  it('marks dry-run requests from dryRun=All in the request URI', () => {
    const uri = '/api/v1/namespaces/kube-system/secrets?dryRun=All&fieldManager=kubectl-create';
    expect(normalizeAuditEvent(event({ requestURI: uri })).dryRun).toBe(true);
    const notDry = '/api/v1/namespaces/kube-system/secrets?fieldManager=dryRunner';
    expect(normalizeAuditEvent(event({ requestURI: notDry })).dryRun).toBe(false);
  });

  it('reports impersonation', () => {
    const impersonatedUser = {
      username: 'system:serviceaccount:prod:deployer',
      groups: ['system:serviceaccounts'],
    };
    expect(normalizeAuditEvent(event({ impersonatedUser })).impersonatedUser).toEqual(impersonatedUser);
    expect(normalizeAuditEvent(event()).impersonatedUser).toBeUndefined();
  });

  it.each([
    [
      'objectRef.apiGroup',
      { objectRef: { apiGroup: 'rbac.authorization.k8s.io' } },
      'rbac.authorization.k8s.io',
    ],
    ['a group/version apiVersion', { objectRef: { apiVersion: 'apps/v1' } }, 'apps'],
    [
      'the request URI',
      { requestURI: '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', objectRef: null },
      'admissionregistration.k8s.io',
    ],
    ['a core request', { requestURI: '/api/v1/namespaces', objectRef: null }, ''],
  ])('takes the API group from %s', (_from, overrides, group) => {
    expect(normalizeAuditEvent(event(overrides)).apiGroup).toBe(group);
  });

  it('has no API group for a non-resource request such as /healthz', () => {
    expect(normalizeAuditEvent(event({ requestURI: '/healthz', objectRef: null })).apiGroup).toBeUndefined();
  });

  it('reads subresources (exec) and denied responses', () => {
    const view = normalizeAuditEvent(
      event({
        verb: 'create',
        objectRef: { resource: 'pods', subresource: 'exec', name: 'web-0', namespace: 'prod' },
        responseStatus: { code: 403, reason: 'Forbidden' },
        annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' },
      }),
    );
    expect(view).toMatchObject({ subresource: 'exec', responseCode: 403, responseReason: 'Forbidden' });
    expect(view.authorizationDecision).toBe('forbid');
    expect(view.authorizationReason).toBeUndefined();
  });

  it('fills defaults for a trimmed event and lists what was missing, with a stable stand-in audit id', () => {
    const trimmed = { kind: 'Event', verb: 'create', objectRef: { resource: 'pods', namespace: 'default' } };
    const parsed = parseAuditEvent(trimmed, 'x');
    if (!parsed.ok) throw new Error(parsed.problem.detail);
    const view = normalizeAuditEvent(parsed.event);
    expect(view).toMatchObject({
      username: '',
      groups: [],
      stage: '',
      requestUri: '',
      time: '',
      sourceIps: [],
    });
    expect(view.missing).toEqual(['auditID', 'stage', 'requestURI', 'user.username', 'stageTimestamp']);
    expect(view.auditId).toMatch(/^no-audit-id:[0-9a-f]{16}$/);
    expect(normalizeAuditEvent(parsed.event).auditId).toBe(view.auditId);
  });

  it('takes the first value of string-array extras and accepts a flattened string', () => {
    const user = {
      username: 'u',
      extra: { sessionName: 'bob', arn: ['arn:aws:iam::111122223333:user/bob', 'x'] },
    };
    const parsed = parseAuditEvent({ ...anAuditEvent(), user }, 'x');
    expect(parsed.ok && normalizeAuditEvent(parsed.event).iam).toEqual({
      sessionName: 'bob',
      arn: 'arn:aws:iam::111122223333:user/bob',
    });
  });
});

describe('normalizeTimestamp', () => {
  it.each([
    ['2022-11-29 00:09:04.38', '2022-11-29T00:09:04.380Z'],
    ['2023-07-31T01:58:11.751914Z', '2023-07-31T01:58:11.751Z'],
    ['2018-10-25T13:58:49Z', '2018-10-25T13:58:49.000Z'],
    ['2024-01-01T02:00:00.5+02:00', '2024-01-01T00:00:00.500Z'],
    ['2024-01-01 00:00:00 UTC', '2024-01-01T00:00:00.000Z'],
  ])('normalises %s', (text, iso) => {
    expect(normalizeTimestamp(text)).toBe(iso);
  });

  it.each(['yesterday', '', '2024-13-45T99:00:00Z'])('refuses %j', (text) => {
    expect(normalizeTimestamp(text)).toBeUndefined();
  });
});
