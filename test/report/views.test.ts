import { describe, expect, it } from 'vitest';
import { actorNameCandidates, emailDomain } from '../../src/report/actor-names';
import { slackArchiveLinker } from '../../src/report/links';
import { buildPendingList } from '../../src/report/pending';
import { buildPersonActivity } from '../../src/report/person';
import { buildAlertTrail } from '../../src/report/trail';
import { alertAt, responseAfter } from './builders';

const card = { platform: 'slack' as const, channel: 'C0ALERTS', messageId: '1763647201.000001' };

describe('buildPendingList', () => {
  it('lists open alerts oldest first, with how long each has waited and a link to its card', () => {
    const now = new Date('2026-11-21T12:00:00.000Z');
    const newer = { ...alertAt('p2', '2026-11-21T10:00:00.000Z'), messages: [card] };
    const older = {
      ...alertAt('p1', '2026-11-20T10:00:00.000Z'),
      messages: [{ ...card, permalink: 'https://acme.slack.com/archives/C0ALERTS/p1' }],
    };
    const answered = alertAt('p3', '2026-11-19T10:00:00.000Z', {
      responses: [responseAfter('2026-11-19T10:00:00.000Z', 5)],
    });
    const list = buildPendingList([newer, answered, older], {
      now,
      more: true,
      skipped: 1,
      linker: slackArchiveLinker('acme'),
    });
    expect(list.items.map((i) => [i.id, i.link, i.waitingMs])).toEqual([
      ['p1', 'https://acme.slack.com/archives/C0ALERTS/p1', 26 * 3_600_000 - 2000],
      ['p2', 'https://acme.slack.com/archives/C0ALERTS/p1763647201000001', 2 * 3_600_000 - 2000],
    ]);
    expect(list).toMatchObject({ more: true, skipped: 1 });
  });
});

describe('slackArchiveLinker', () => {
  it('builds a Slack message link only from a plain domain, channel id and ts', () => {
    expect(slackArchiveLinker('acme')(card)).toBe(
      'https://acme.slack.com/archives/C0ALERTS/p1763647201000001',
    );
    expect(slackArchiveLinker('evil.com/x?')(card)).toBeUndefined();
    expect(slackArchiveLinker('acme')({ ...card, channel: '#alerts' })).toBeUndefined();
    expect(slackArchiveLinker('acme')({ ...card, platform: 'teams' })).toBeUndefined();
  });
});

describe('buildAlertTrail', () => {
  it('shows the alert and its whole trail in order, refused attempts included', () => {
    const time = '2026-11-20T14:01:07.123Z';
    const alert = alertAt('t1', time, {
      finding: { where: { region: 'eu-west-1', logGroup: '/aws/eks/prod-eu/cluster' } },
      responses: [
        responseAfter(time, 1, { action: 'refused', attempted: 'acknowledge', text: 'You made this change' }),
        responseAfter(time, 2, { action: 'justify', text: 'rotating', ticketUrl: 'https://jira/OPS-1' }),
      ],
    });
    const view = buildAlertTrail({ ...alert, messages: [card] }, slackArchiveLinker('acme'));
    expect(view).toMatchObject({
      id: 't1',
      status: 'justified',
      outcome: 'Allowed (HTTP 200)',
      cluster: 'prod-eu',
      actor: 'alice@example.com',
      rule: { id: 'secret-change-protected-namespace' },
      cardLink: 'https://acme.slack.com/archives/C0ALERTS/p1763647201000001',
      postedTo: ['slack:C0ALERTS'],
    });
    expect(view.logsInsightsUrl).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\//);
    expect(view.entries.map((e) => [e.action, e.attempted, e.text, e.ticketUrl])).toEqual([
      ['refused', 'acknowledge', 'You made this change', undefined],
      ['justify', undefined, 'rotating', 'https://jira/OPS-1'],
    ]);
  });
});

describe('actorNameCandidates', () => {
  it('tries a name as typed and with the e-mail domains given', () => {
    expect(actorNameCandidates(' @Alice ', { domains: ['example.com', 'corp.example'] })).toEqual([
      'alice',
      'alice@example.com',
      'alice@corp.example',
    ]);
  });

  it('tries an e-mail as typed and its local part as a name', () => {
    expect(actorNameCandidates('Alice@Example.com', { domains: ['example.com'] })).toEqual([
      'alice@example.com',
      'alice',
    ]);
  });

  it('puts e-mails a mention resolved to first, and never repeats a key', () => {
    expect(actorNameCandidates('alice', { emails: ['Alice@Example.com'], domains: ['example.com'] })).toEqual(
      ['alice@example.com', 'alice'],
    );
    expect(actorNameCandidates('sre/alice', { domains: ['example.com'] })).toEqual([
      'sre/alice',
      'sre/alice@example.com',
    ]);
    expect(actorNameCandidates('Alice Smith', { domains: ['example.com'] })).toEqual(['alice smith']);
  });

  it('reads the domain of an e-mail', () => {
    expect(emailDomain('Bob@Example.COM')).toBe('example.com');
    expect(emailDomain('bob')).toBeUndefined();
    expect(emailDomain(undefined)).toBeUndefined();
  });
});

describe('buildPersonActivity', () => {
  it('merges what each name found, newest first, each alert once, counting unjustified changes', () => {
    const a = alertAt('u1', '2026-11-20T10:00:00.000Z');
    const b = alertAt('u2', '2026-11-21T10:00:00.000Z', {
      responses: [responseAfter('2026-11-21T10:00:00.000Z', 3, { action: 'justify', text: 'ok' })],
    });
    const c = alertAt('u3', '2026-11-19T10:00:00.000Z', { finding: { outcome: 'denied' } });
    const person = buildPersonActivity('alice', [
      { key: 'alice', alerts: [a, c], more: false, skipped: 0 },
      { key: 'alice@example.com', alerts: [b, a], more: true, skipped: 1 },
    ]);
    expect(person.changes.map((x) => x.id)).toEqual(['u2', 'u1', 'u3']);
    expect(person.keys).toEqual([
      { key: 'alice', count: 2, more: false },
      { key: 'alice@example.com', count: 2, more: true },
    ]);
    expect(person).toMatchObject({ query: 'alice', more: true, unjustified: 1, skipped: 1 });
  });
});
