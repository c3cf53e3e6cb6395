import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/activity-report';
import { alertFact } from '../../src/report/facts';
import { alertAt, responseAfter } from './builders';

const now = new Date('2026-11-21T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const stored = (time: string) => new Date(Date.parse(time) + 2000).toISOString();

const alice = { actor: { displayName: 'alice@example.com', email: 'alice@example.com' } };
const carol = { actor: { displayName: 'Carol', email: undefined, sessionName: undefined } };
const rbac = {
  rule: { id: 'rbac-cluster-admin', title: 'cluster-admin bound', severity: 'critical' as const },
};

/** Five alerts in the last day, one 3 days ago, one 40 days ago (outside every window). */
const alerts = [
  alertAt('a1', hoursAgo(1), { finding: alice }),
  alertAt('a2', hoursAgo(2), {
    finding: { ...alice, severity: 'critical', ...rbac },
    responses: [responseAfter(stored(hoursAgo(2)), 10)],
  }),
  alertAt('a3', hoursAgo(3), {
    finding: { ...carol, where: { cluster: 'staging' } },
    responses: [responseAfter(stored(hoursAgo(3)), 20, { action: 'justify', text: 'planned' })],
  }),
  alertAt('a4', hoursAgo(4), {
    finding: { ...carol, outcome: 'denied', responseCode: 403, severity: 'medium' },
    responses: [
      responseAfter(stored(hoursAgo(4)), 1, {
        action: 'refused',
        attempted: 'acknowledge',
        text: 'own change',
      }),
      responseAfter(stored(hoursAgo(4)), 60, { action: 'escalate', text: 'who is this?' }),
    ],
  }),
  alertAt('a5', hoursAgo(5), { finding: { ...alice, severity: 'low' } }),
  alertAt('a6', hoursAgo(72), { finding: { ...alice, ...rbac, severity: 'critical' } }),
  alertAt('a7', hoursAgo(40 * 24), { finding: alice }),
];

describe('buildReport', () => {
  it('counts the alerts of the window by severity (worst first, zeros kept), rule, actor and cluster', () => {
    const report = buildReport(alerts, { window: '24h', now });
    expect(report).toMatchObject({ window: '24h', from: hoursAgo(24), to: now.toISOString(), total: 5 });
    expect(report.bySeverity).toEqual([
      { key: 'critical', count: 1 },
      { key: 'high', count: 2 },
      { key: 'medium', count: 1 },
      { key: 'low', count: 1 },
      { key: 'info', count: 0 },
    ]);
    expect(report.byRule).toEqual([
      { key: 'secret-change-protected-namespace', count: 4 },
      { key: 'rbac-cluster-admin', count: 1 },
    ]);
    expect(report.byActor).toEqual([
      { key: 'alice@example.com', count: 3 },
      { key: 'carol', count: 2 },
    ]);
    expect(report.byCluster).toEqual([
      { key: 'prod-eu', count: 4 },
      { key: 'staging', count: 1 },
    ]);
    expect(report.outcomes).toEqual({ allowed: 4, denied: 1, unknown: 0 });
  });

  it('widens with the window and narrows to one cluster', () => {
    expect(buildReport(alerts, { window: '7d', now }).total).toBe(6);
    expect(buildReport(alerts, { window: '30d', now }).total).toBe(6);
    const staging = buildReport(alerts, { window: '7d', now, cluster: 'staging' });
    expect(staging.total).toBe(1);
    expect(staging.cluster).toBe('staging');
    expect(staging.byCluster).toBeUndefined();
  });

  it('gives the share responded to and the time to the first response, refused attempts aside', () => {
    const report = buildReport(alerts, { window: '24h', now });
    expect(report.byStatus).toEqual({ open: 2, acknowledged: 1, justified: 1, escalated: 1 });
    expect(report.responded).toBe(3);
    expect(report.respondedShare).toBeCloseTo(3 / 5);
    // 10, 20 and 60 minutes: the refused click after 1 minute is not a response.
    expect(report.timeToAcknowledge).toEqual({ count: 3, meanMs: 30 * 60_000, medianMs: 20 * 60_000 });
  });

  it('lists changes nobody justified, worst then oldest, leaving out denied attempts', () => {
    const report = buildReport(alerts, { window: '7d', now });
    expect(report.unjustified.count).toBe(4);
    expect(report.unjustified.examples.map((e) => e.id)).toEqual(['a6', 'a2', 'a1', 'a5']);
    expect(report.unjustified.examples[1]).toEqual({
      id: 'a2',
      changeTime: hoursAgo(2),
      severity: 'critical',
      summary: alerts[1]?.finding.summary,
      status: 'acknowledged',
    });
    const short = buildReport(alerts, { window: '7d', now, maxExamples: 2 });
    expect(short.unjustified).toMatchObject({ count: 4, examples: [{ id: 'a6' }, { id: 'a2' }] });
  });

  it('gives the same report from full alerts and from their facts', () => {
    const options = { window: '7d' as const, now, skipped: 2 };
    expect(buildReport(alerts.map(alertFact), options)).toEqual(buildReport(alerts, options));
    expect(buildReport(alerts, options).skipped).toBe(2);
  });

  it('reports an empty window without dividing by zero', () => {
    const report = buildReport([], { window: '24h', now });
    expect(report).toMatchObject({
      total: 0,
      responded: 0,
      respondedShare: 0,
      timeToAcknowledge: { count: 0 },
    });
    expect(report.byRule).toEqual([]);
  });
});

describe('buildReport on a busy month', () => {
  it('keeps the ten worst, oldest unjustified changes of thousands, as a full sort would', () => {
    const many = Array.from({ length: 3000 }, (_, n) =>
      alertFact(
        alertAt(`m${n}`, hoursAgo(1 + ((n * 7919) % 700)), {
          finding: { severity: (['low', 'medium', 'high', 'critical'] as const)[(n * 31) % 4] as 'low' },
        }),
      ),
    );
    const report = buildReport(many, { window: '30d', now });
    const rank = { low: 1, medium: 2, high: 3, critical: 4 } as Record<string, number>;
    const expected = [...many]
      .sort(
        (x, y) =>
          (rank[y.severity] ?? 0) - (rank[x.severity] ?? 0) || x.changeTime.localeCompare(y.changeTime),
      )
      .slice(0, 10)
      .map((f) => f.id);
    expect(report.unjustified.count).toBe(3000);
    expect(report.unjustified.examples.map((e) => e.id)).toEqual(expected);
    expect(buildReport(many, { window: '30d', now, maxExamples: 0 }).unjustified).toEqual({
      count: 3000,
      examples: [],
    });
  });
});
