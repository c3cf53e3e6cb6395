import { describe, expect, it } from 'vitest';
import { duration, fitLines, packLines } from '../../src/notify/slack/report/format';
import { renderEksAuditAnswer, workingOnIt } from '../../src/notify/slack/report/render-answer';
import { buildReport } from '../../src/report/activity-report';
import { buildPendingList } from '../../src/report/pending';
import { buildPersonActivity } from '../../src/report/person';
import { buildAlertTrail } from '../../src/report/trail';
import type { Alert } from '../../src/triage/model';
import { validateBlocks } from '../support/block-kit-rules';
import { alertAt, responseAfter } from './builders';

const now = new Date('2026-11-21T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const evil = {
  summary: '<!channel> deleted secret <https://evil.example|kube-system/db-creds> on *prod*',
  actor: { displayName: '<@U0BOSS> @here', email: undefined, sessionName: undefined },
  where: { cluster: 'prod`<!here>`' },
  rule: { id: 'rule-<!everyone>', title: 'Rule *bold* <https://x|y>', severity: 'high' as const },
};
const hostile = alertAt('f-<!channel>', hoursAgo(2), {
  finding: evil,
  responses: [
    responseAfter(hoursAgo(2), 5, {
      action: 'justify',
      text: 'see <https://evil|ok> @channel',
      ticketUrl: 'javascript:alert(1)',
      by: { platform: 'slack', userId: 'U0EVE', name: '<!here> eve' },
    }),
  ],
});

/** Every text of a reply, as Slack would read it. */
const textOf = (reply: { blocks: unknown[] }) => JSON.stringify(reply.blocks);

/**
 * The mrkdwn texts of a reply: what Slack parses for mentions and links. plain_text (headers) is shown as
 * typed and never parsed, so `<!channel>` there is harmless text, as on the card.
 */
function mrkdwnOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnOf);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as { type?: unknown; text?: unknown };
  if (node.type === 'mrkdwn' && typeof node.text === 'string') return [node.text];
  if (node.type === 'plain_text') return [];
  return Object.values(node).flatMap(mrkdwnOf);
}

function expectNoInjection(json: string) {
  for (const raw of [
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U0BOSS>',
    '<https://evil',
    '|ok>',
    '<javascript:', // shown as text, never as a link
  ]) {
    expect(json).not.toContain(raw);
  }
  expect(json).not.toMatch(/(?<!＠)@(channel|here|everyone)\b/);
}

describe('renderEksAuditAnswer', () => {
  const alerts = [
    hostile,
    alertAt('f-2', hoursAgo(5)),
    alertAt('f-3', hoursAgo(30), { finding: { severity: 'critical' } }),
  ];

  it('renders a report Slack accepts, ephemeral by default, in the channel when public', () => {
    const report = buildReport(alerts, { window: '7d', now, skipped: 1 });
    const reply = renderEksAuditAnswer({ kind: 'report', report }, { public: false });
    expect(reply.response_type).toBe('ephemeral');
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
    const json = textOf(reply);
    expect(json).toContain('last 7 days (all clusters)');
    expect(json).toContain('33% responded to (1 of 3)');
    expect(json).toContain('mean 5 min, median 5 min');
    expect(json).toContain('2 of 3 changes');
    expect(json).toContain('1 stored alerts could not be read');
    expect(renderEksAuditAnswer({ kind: 'report', report }, { public: true }).response_type).toBe(
      'in_channel',
    );
  });

  it('escapes everything user-controlled in every answer: no mention, link or formatting gets through', () => {
    const linker = () => 'https://acme.slack.com/archives/C0A/p1';
    const answers = [
      { kind: 'report' as const, report: buildReport([hostile], { window: '24h', now }) },
      {
        kind: 'pending' as const,
        pending: buildPendingList([alertAt('f-<!here>', hoursAgo(1), { finding: evil })], { now }),
      },
      { kind: 'show' as const, trail: buildAlertTrail(hostile, linker) },
      {
        kind: 'user' as const,
        person: buildPersonActivity('<!channel>', [
          { key: '<!channel>', alerts: [hostile], more: false, skipped: 0 },
        ]),
      },
      { kind: 'not-found' as const, alertId: '<!channel>' },
      { kind: 'help' as const, problem: 'unknown subcommand "<!channel>"' },
    ];
    for (const answer of answers) {
      const reply = renderEksAuditAnswer(answer, { public: true });
      expect(validateBlocks(reply.blocks, 'message'), answer.kind).toEqual([]);
      expectNoInjection(JSON.stringify(mrkdwnOf(reply.blocks)));
    }
    const trail = textOf(renderEksAuditAnswer(answers[2] as (typeof answers)[2], { public: false }));
    expect(trail).toContain('&lt;!here&gt; eve');
    expect(trail).toContain('(ticket: javascript:alert(1))');
  });

  it('shows the whole trail of an alert, refused attempts included, with links to the card and the logs', () => {
    const time = hoursAgo(3);
    const alert: Alert = {
      ...alertAt('f-show', time, {
        finding: { where: { region: 'eu-west-1', logGroup: '/aws/eks/prod-eu/cluster' } },
        responses: [
          responseAfter(time, 1, {
            action: 'refused',
            attempted: 'acknowledge',
            text: 'You made this change',
          }),
          responseAfter(time, 2),
          responseAfter(time, 3, {
            action: 'justify',
            text: 'rotation',
            ticketUrl: 'https://jira.example.com/OPS-1',
          }),
        ],
      }),
      messages: [
        {
          platform: 'slack',
          channel: 'C0ALERTS',
          messageId: '1763647201.000001',
          permalink: 'https://acme.slack.com/archives/C0ALERTS/p1763647201000001',
        },
      ],
    };
    const json = textOf(
      renderEksAuditAnswer({ kind: 'show', trail: buildAlertTrail(alert) }, { public: false }),
    );
    expect(json).toContain('⛔ refused acknowledge by bob');
    expect(json).toContain('✅ acknowledged by bob');
    expect(json).toContain('📝 justified by bob');
    expect(json).toContain('<https://jira.example.com/OPS-1|ticket (jira.example.com)>');
    expect(json).toContain('<https://acme.slack.com/archives/C0ALERTS/p1763647201000001|the card>');
    expect(json).toContain('CloudWatch Logs Insights>');
  });

  it('stays within Slack limits for huge inputs, saying visibly what was left out', () => {
    const many = Array.from({ length: 3000 }, (_, n) =>
      alertAt(`f-${n}`, hoursAgo(1 + (n % 100)), {
        finding: {
          summary: `${'x'.repeat(500)} ${n}`,
          rule: { id: `rule-${n % 40}-${'r'.repeat(150)}`, title: 't', severity: 'low' },
          actor: { displayName: `person-${n % 300}@example.com`, email: `person-${n % 300}@example.com` },
        },
      }),
    );
    const report = renderEksAuditAnswer(
      { kind: 'report', report: buildReport(many, { window: '7d', now }) },
      { public: false },
    );
    expect(validateBlocks(report.blocks, 'message')).toEqual([]);
    const json = textOf(report);
    expect(json).toContain('… and 30 more'); // 40 rules, 10 shown
    expect(json).toContain('… and 290 more'); // 300 people, 10 shown
    const longTrail = alertAt('f-long', hoursAgo(100), {
      responses: Array.from({ length: 400 }, (_, n) =>
        responseAfter(hoursAgo(100), n, {
          action: 'refused',
          attempted: 'acknowledge',
          text: 'y'.repeat(3000),
        }),
      ),
    });
    const shown = renderEksAuditAnswer(
      { kind: 'show', trail: buildAlertTrail(longTrail) },
      { public: false },
    );
    expect(validateBlocks(shown.blocks, 'message')).toEqual([]);
    expect(shown.blocks.length).toBeLessThanOrEqual(50);
    expect(textOf(shown)).toMatch(/… and \d+ more/);
    const pending = buildPendingList(many.slice(0, 20), { now, more: true });
    const list = renderEksAuditAnswer({ kind: 'pending', pending }, { public: false });
    expect(validateBlocks(list.blocks, 'message')).toEqual([]);
    expect(textOf(list)).toContain('the 20 oldest');
  });

  it('answers an empty trail, an empty window and nobody found in words', () => {
    const empty = renderEksAuditAnswer(
      { kind: 'report', report: buildReport([], { window: '24h', now }) },
      { public: false },
    );
    expect(textOf(empty)).toContain('No alerts from');
    const none = renderEksAuditAnswer(
      { kind: 'pending', pending: buildPendingList([], { now }) },
      { public: false },
    );
    expect(textOf(none)).toContain('No open alerts');
    const nobody = renderEksAuditAnswer(
      {
        kind: 'user',
        person: buildPersonActivity('zed', [{ key: 'zed', alerts: [], more: false, skipped: 0 }]),
      },
      { public: false },
    );
    expect(textOf(nobody)).toContain('No changes by this person');
  });

  it('acknowledges a slow command at once, only to the person who asked', () => {
    expect(workingOnIt('report 30d')).toMatchObject({ response_type: 'ephemeral', text: 'Working on it…' });
  });
});

describe('report formatting', () => {
  it.each([
    [45_000, '45 s'],
    [12 * 60_000, '12 min'],
    [200 * 60_000, '3 h 20 min'],
    [52 * 3_600_000, '2 d 4 h'],
  ])('says %i ms as %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });

  it('fits a list in a section and counts every line left out', () => {
    const lines = Array.from({ length: 100 }, (_, n) => `• line ${n} ${'z'.repeat(50)}`);
    const text = fitLines('*Title*', lines, 5, 600);
    expect(text.length).toBeLessThanOrEqual(600);
    const shown = text.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(text.endsWith(`… and ${100 - shown + 5} more`)).toBe(true);
  });

  it('packs lines into sections without cutting a line', () => {
    const lines = Array.from({ length: 100 }, (_, n) => `line ${n} ${'z'.repeat(90)}`);
    const texts = packLines(lines, 100, 1000);
    expect(texts.every((t) => t.length <= 1000)).toBe(true);
    expect(texts.join('\n').split('\n')).toEqual(lines);
    const capped = packLines(lines, 2, 1000);
    expect(capped).toHaveLength(2);
    expect(capped[1]).toMatch(/… and \d+ more$/);
  });
});
