import { describe, expect, it } from 'vitest';
import { buildCard, cardOutcome } from '../../src/notify/card-model';
import type { AlertCard, CardSectionId } from '../../src/notify/card-types';
import { acknowledged, deniedAttempt, escalated, execIntoPod, justifiedWithTicket } from '../fixtures/cards';
import { aFinding, anAlert, aResponse } from '../support/builders';

const facts = (card: AlertCard, id: CardSectionId) =>
  Object.fromEntries(card.sections.find((s) => s.id === id)?.facts.map((f) => [f.label, f.value]) ?? []);

describe('buildCard', () => {
  it('puts the one-line summary and severity of the finding at the top', () => {
    const card = buildCard(anAlert());
    expect(card.summary).toBe('alice@example.com deleted secret kube-system/db-creds on prod-eu');
    expect(card.severity).toBe('high');
    expect(card.sections.map((s) => s.id)).toEqual([
      'who',
      'what',
      'where',
      'when',
      'from',
      'outcome',
      'rule',
    ]);
  });

  it('says who: display name, IAM ARN and session', () => {
    const who = facts(buildCard(anAlert()), 'who');
    expect(who.Name).toBe('alice@example.com');
    expect(who['IAM ARN']).toMatch(/^arn:aws:iam::111122223333:role\//);
    expect(who.Session).toBe('alice@example.com');
  });

  it('says what, with the API group, subresource, dry run and impersonation when present', () => {
    const what = facts(buildCard(execIntoPod), 'what');
    expect(what).toMatchObject({ Verb: 'create', Resource: 'pods', Object: 'payments/api-7d9f8b6c5-x2v4q' });
    expect(what.Subresource).toBe('exec');
    const rbac = facts(
      buildCard(
        anAlert({
          finding: aFinding({
            action: { resource: 'clusterrolebindings', apiGroup: 'rbac.authorization.k8s.io', dryRun: true },
          }),
        }),
      ),
      'what',
    );
    expect(rbac.Resource).toBe('clusterrolebindings.rbac.authorization.k8s.io');
    expect(rbac['Dry run']).toMatch(/^yes/);
    const impersonating = facts(
      buildCard(anAlert({ finding: aFinding({ action: { impersonatedUser: 'system:admin' } }) })),
      'what',
    );
    expect(impersonating.Impersonating).toBe('system:admin');
  });

  it('says where (cluster, account id and name, region) and when, in UTC', () => {
    const card = buildCard(anAlert());
    expect(facts(card, 'where')).toEqual({
      Cluster: 'prod-eu',
      Account: '111122223333 (production)',
      Region: 'eu-west-1',
    });
    expect(facts(card, 'when')).toEqual({ Time: '2026-11-20 14:01:07 UTC', Detected: '14:01:09 UTC' });
  });

  it('lists source IPs, saying how many more there are beyond five', () => {
    const ips = Array.from({ length: 8 }, (_, i) => `10.0.0.${i}`);
    const from = facts(buildCard(anAlert({ finding: aFinding({ source: { ips } }) })), 'from');
    expect(from['Source IP']).toBe('10.0.0.0, 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4 and 3 more');
  });

  it('shows a refused request as a DENIED attempt with its code', () => {
    expect(buildCard(deniedAttempt).outcome).toEqual({
      kind: 'denied',
      code: 403,
      label: 'DENIED attempt (HTTP 403)',
    });
    expect(cardOutcome(aFinding({ outcome: 'unknown', responseCode: undefined })).label).toBe(
      'Outcome unknown',
    );
  });

  it('names the rule, its MITRE technique, and why it matched', () => {
    const card = buildCard(anAlert());
    expect(facts(card, 'rule')).toMatchObject({
      Title: 'Secret changed in a protected namespace',
      'Rule id': 'secret-change-protected-namespace',
      'MITRE ATT&CK': 'T1552.007 Unsecured Credentials: Container API',
    });
    expect(card.reasons).toContain('namespace kube-system is protected');
    expect(card.links.find((l) => l.kind === 'mitre')?.url).toBe(
      'https://attack.mitre.org/techniques/T1552/007/',
    );
  });

  it('links the event in CloudWatch Logs Insights, preferring an explicit link', () => {
    expect(buildCard(anAlert()).links[0]?.url).toMatch(
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\//,
    );
    const given = buildCard(anAlert(), { logsInsightsUrl: 'https://example.com/logs' });
    expect(given.links[0]).toEqual({
      kind: 'logs-insights',
      label: 'Open in CloudWatch Logs Insights',
      url: 'https://example.com/logs',
    });
  });

  it('never turns a non-http link into a clickable one', () => {
    const card = buildCard(anAlert(), { extraLinks: [{ label: 'x', url: 'javascript:alert(1)' }] });
    expect(card.links.map((l) => l.url).some((url) => url.startsWith('javascript:'))).toBe(false);
  });

  it('offers all three buttons on an open alert, Escalate with a confirmation', () => {
    const actions = buildCard(anAlert()).actions;
    expect(actions.map((a) => a.kind)).toEqual(['acknowledge', 'justify', 'escalate']);
    expect(actions[2]?.confirm?.confirm).toBe('Escalate');
  });

  it('drops each button once its action is recorded, and ignores refused attempts', () => {
    expect(buildCard(acknowledged).actions.map((a) => a.kind)).toEqual(['justify', 'escalate']);
    expect(buildCard(justifiedWithTicket).actions.map((a) => a.kind)).toEqual(['escalate']);
    expect(buildCard(escalated).actions.map((a) => a.kind)).toEqual(['acknowledge', 'justify']);
  });

  it('derives the status lines from the responses, with times in UTC', () => {
    expect(buildCard(acknowledged).statusLines.map((l) => l.plain)).toEqual([
      'Acknowledged by bob, 14:02 UTC',
    ]);
    const justified = buildCard(justifiedWithTicket).statusLines[1];
    expect(justified?.plain).toBe(
      'Justified by alice, 14:05 UTC: Rotating the DB credentials after the vendor incident (ticket (jira.example.com))',
    );
    expect(justified?.ticket?.url).toBe('https://jira.example.com/browse/OPS-1234');
    expect(buildCard(escalated).statusLines.map((l) => l.plain)).toEqual([
      'Escalated by carol, 14:07 UTC: Not in any change window',
    ]);
  });

  it('gives the date too when a response is on another day than the event', () => {
    const late = anAlert({
      status: 'acknowledged',
      responses: [aResponse({ at: '2026-11-21T09:30:00.000Z' })],
    });
    expect(buildCard(late).statusLines[0]?.atText).toBe('2026-11-21 09:30 UTC');
  });

  it('keeps a ticket reference that is not a URL as text, not as a link', () => {
    const alert = anAlert({ responses: [aResponse({ action: 'justify', text: 'ok', ticketUrl: 'OPS-77' })] });
    const line = buildCard(alert).statusLines[0];
    expect(line?.ticket).toBeUndefined();
    expect(line?.ticketReference).toBe('OPS-77');
  });

  it('gives the same card for the same alert (no clock, no randomness)', () => {
    expect(buildCard(justifiedWithTicket)).toEqual(buildCard(justifiedWithTicket));
  });
});
