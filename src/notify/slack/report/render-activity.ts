import type { KnownBlock } from '@slack/types';
import type { ActivityReport } from '../../../report/activity-report';
import type { CountEntry } from '../../../report/stats';
import { context, fieldsSection, header, section } from '../blocks';
import { severityEmoji } from '../render-parts';
import { code, count, counted, duration, fitLines, percent, prose, statusLabel, when } from './format';

const windowNames = { '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' } as const;
/** Rows of each "by ..." table before `… and N more`. */
const TOP = 10;

/**
 * `/eks-audit report`: counts by severity, rule, person and cluster; the share responded to; time to
 * acknowledge; the changes nobody justified. About ten blocks whatever the volume.
 *
 * @example
 * const blocks = renderActivityReport(buildReport(facts, { window: '7d', now }));
 */
export function renderActivityReport(report: ActivityReport): KnownBlock[] {
  const scope = report.cluster === undefined ? 'all clusters' : `cluster ${report.cluster}`;
  const title = `📊 EKS changes, ${windowNames[report.window]} (${scope})`;
  const span = `${when(report.from)} → ${when(report.to)}`;
  if (report.total === 0) {
    return [header(title), section(`No alerts from ${span}.`), ...skippedNote(report.skipped)];
  }
  const { outcomes } = report;
  return [
    header(title),
    context([
      `${span} · *${counted(report.total, 'alert')}*: ${counted(outcomes.allowed, 'change')}, ${counted(outcomes.denied, 'denied attempt')}${outcomes.unknown ? `, ${count(outcomes.unknown)} of unknown outcome` : ''}`,
    ]),
    fieldsSection([
      severityField(report),
      respondedField(report),
      ackField(report),
      unjustifiedField(report),
    ]),
    section(countList('*By rule*', report.byRule)),
    section(countList('*By person*', report.byActor)),
    ...(report.byCluster ? [section(countList('*By cluster*', report.byCluster))] : []),
    ...unjustifiedList(report),
    ...skippedNote(report.skipped),
  ];
}

function severityField(report: ActivityReport): string {
  const lines = report.bySeverity.map((entry) => {
    const emoji = severityEmoji[entry.key as keyof typeof severityEmoji] ?? '';
    return `${emoji} ${entry.key} ${count(entry.count)}`;
  });
  return ['*By severity*', ...lines].join('\n');
}

function respondedField(report: ActivityReport): string {
  const s = report.byStatus;
  return [
    '*Acknowledged*',
    `${percent(report.respondedShare)} responded to (${count(report.responded)} of ${count(report.total)})`,
    `${statusLabel.acknowledged} ${count(s.acknowledged)} · ${statusLabel.justified} ${count(s.justified)}`,
    `${statusLabel.escalated} ${count(s.escalated)} · ${statusLabel.open} ${count(s.open)}`,
  ].join('\n');
}

function ackField(report: ActivityReport): string {
  const t = report.timeToAcknowledge;
  if (t.count === 0 || t.meanMs === undefined || t.medianMs === undefined)
    return '*Time to acknowledge*\nnobody has responded yet';
  return `*Time to acknowledge*\nmean ${duration(t.meanMs)}, median ${duration(t.medianMs)}\n(card to first response, ${counted(t.count, 'alert')})`;
}

function unjustifiedField(report: ActivityReport): string {
  return `*Changes without a justification*\n${count(report.unjustified.count)} of ${counted(report.outcomes.allowed, 'change')}`;
}

function countList(title: string, entries: readonly CountEntry[]): string {
  if (entries.length === 0) return `${title}\n–`;
  const shown = entries.slice(0, TOP).map((entry) => `• ${code(entry.key)} ${count(entry.count)}`);
  return fitLines(title, shown, entries.length - shown.length);
}

function unjustifiedList(report: ActivityReport): KnownBlock[] {
  const { count: total, examples } = report.unjustified;
  if (total === 0) return [];
  const lines = examples.map(
    (e) =>
      `• ${severityEmoji[e.severity]} ${when(e.changeTime)} · ${prose(e.summary)} · ${statusLabel[e.status]} · ${code(e.id)}`,
  );
  return [
    section(
      fitLines('*Changes nobody justified* (most severe, then oldest)', lines, total - examples.length),
    ),
    context(['Justify from the card, or see an alert with `/eks-audit show <alert id>`.']),
  ];
}

function skippedNote(skipped: number): KnownBlock[] {
  if (skipped === 0) return [];
  return [
    context([
      `⚠️ ${count(skipped)} stored alerts could not be read and are not counted (see the function's log).`,
    ]),
  ];
}
