import { formatUtcDateTime } from '../../notify/card-format';
import type { ActivityReport } from '../../report/activity-report';
import type { EksAuditAnswer } from '../../report/answer';
import { eksAuditUsage } from '../../report/command';
import type { PendingList } from '../../report/pending';
import type { PersonActivity } from '../../report/person';
import type { CountEntry, DurationStats } from '../../report/stats';
import type { AlertTrailView, TrailEntry } from '../../report/trail';
import type { TeamsTextReport } from './report-card';

/**
 * The `/eks-audit` answers (the platform-neutral report model of `answerEksAuditCommand`) as Teams text
 * reports: the same reports Slack shows, as lines in `TextRun`s.
 *
 * @example
 * renderTeamsReportCard(teamsAnswer(await answerEksAuditCommand(parseEksAuditCommand('pending'), deps)));
 */
export function teamsAnswer(answer: EksAuditAnswer): TeamsTextReport {
  switch (answer.kind) {
    case 'help':
      return help(answer.problem);
    case 'pending':
      return pending(answer.pending);
    case 'show':
      return show(answer.trail);
    case 'not-found':
      return {
        title: `No alert ${answer.alertId}`,
        lines: ['It is not in the audit trail (check the id; it may be past retention).'],
      };
    case 'user':
      return person(answer.person);
    case 'report':
      return report(answer.report);
  }
}

function help(problem: string | undefined): TeamsTextReport {
  return {
    title: 'eks-audit commands',
    lines: [
      ...(problem ? [`Not understood: ${problem}`] : []),
      ...eksAuditUsage.map(([usage, what]) => `${usage}: ${what}`),
      'here: the id of this conversation, for ROUTING',
    ],
    note: 'In a channel, mention the bot first: @eks-audit pending',
  };
}

function pending(list: PendingList): TeamsTextReport {
  const notes = [
    list.more ? 'Only the oldest are listed; there are more.' : '',
    list.skipped > 0 ? `${list.skipped} stored alerts could not be read and are not listed.` : '',
  ].filter(Boolean);
  return {
    title:
      list.items.length === 0 ? 'No open alerts' : `Open alerts: ${list.items.length}${list.more ? '+' : ''}`,
    lines: list.items.map(
      (item) =>
        `[${item.severity.toUpperCase()}] ${item.summary} · ${item.cluster} · ${formatUtcDateTime(item.changeTime)} · waiting ${duration(item.waitingMs)} · ${item.id}`,
    ),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

function show(view: AlertTrailView): TeamsTextReport {
  return {
    title: `Alert ${view.id}: ${view.status}`,
    lines: [
      `[${view.severity.toUpperCase()}] ${view.summary}`,
      `${view.outcome} · cluster ${view.cluster} · by ${view.actor}`,
      `Rule ${view.rule.id}: ${view.rule.title}`,
      `Changed ${formatUtcDateTime(view.changeTime)} · stored ${formatUtcDateTime(view.createdAt)}`,
      ...(view.postedTo.length > 0 ? [`Posted to ${view.postedTo.join(', ')}`] : []),
      ...view.entries.map(entryLine),
    ],
    ...(view.entries.length === 0 ? { note: 'Nobody has responded yet.' } : {}),
    links: [
      ...(view.cardLink ? [{ label: 'Open the card', url: view.cardLink }] : []),
      ...(view.logsInsightsUrl
        ? [{ label: 'Open in CloudWatch Logs Insights', url: view.logsInsightsUrl }]
        : []),
    ],
  };
}

function entryLine(entry: TrailEntry): string {
  const who = `${entry.by.name} (${entry.by.platform}${entry.by.email ? `, ${entry.by.email}` : ''})`;
  const what = entry.action === 'refused' ? `refused ${entry.attempted ?? 'action'}` : entry.action;
  const extra = [entry.text, entry.ticketUrl ? `ticket ${entry.ticketUrl}` : ''].filter(Boolean).join(' · ');
  return `${formatUtcDateTime(entry.at)} · ${what} by ${who}${extra ? `: ${extra}` : ''}`;
}

function person(activity: PersonActivity): TeamsTextReport {
  const keys = activity.keys.map((k) => `${k.key} (${k.count}${k.more ? '+' : ''})`).join(', ');
  return {
    title: `Changes by ${activity.query}: ${activity.changes.length}${activity.more ? '+' : ''}`,
    lines: activity.changes.map(
      (change) =>
        `${formatUtcDateTime(change.changeTime)} · [${change.severity.toUpperCase()}] ${change.summary} · ${change.status}${change.outcome === 'allowed' && !change.justified ? ' · not justified' : ''} · ${change.id}`,
    ),
    note: `Looked up as ${keys || activity.query}. ${activity.unjustified} changes without a justification.`,
  };
}

function report(r: ActivityReport): TeamsTextReport {
  const share = `${Math.round(r.respondedShare * 100)}%`;
  return {
    title: `Activity, last ${r.window}${r.cluster ? ` on ${r.cluster}` : ''}: ${r.total} alerts`,
    lines: [
      `${r.outcomes.allowed} changes, ${r.outcomes.denied} refused attempts, ${r.outcomes.unknown} unknown outcomes`,
      `Responded to: ${r.responded} (${share}) · open ${r.byStatus.open}, acknowledged ${r.byStatus.acknowledged}, justified ${r.byStatus.justified}, escalated ${r.byStatus.escalated}`,
      `Time to acknowledge: ${durationStatsText(r.timeToAcknowledge)}`,
      `By severity: ${counts(r.bySeverity.filter((e) => e.count > 0))}`,
      `By rule: ${counts(r.byRule)}`,
      `By person: ${counts(r.byActor)}`,
      ...(r.byCluster ? [`By cluster: ${counts(r.byCluster)}`] : []),
      `Changes without a justification: ${r.unjustified.count}`,
      ...r.unjustified.examples.map(
        (e) => `  ${formatUtcDateTime(e.changeTime)} · [${e.severity.toUpperCase()}] ${e.summary} · ${e.id}`,
      ),
    ],
    note: `${formatUtcDateTime(r.from)} to ${formatUtcDateTime(r.to)}${r.skipped > 0 ? `; ${r.skipped} stored alerts could not be read` : ''}`,
  };
}

/** `a 3, b 1` (the first 8, then how many more). */
function counts(entries: readonly CountEntry[]): string {
  if (entries.length === 0) return 'none';
  const shown = entries.slice(0, 8).map((e) => `${e.key} ${e.count}`);
  return entries.length > 8 ? `${shown.join(', ')} and ${entries.length - 8} more` : shown.join(', ');
}

function durationStatsText(stats: DurationStats): string {
  if (stats.count === 0 || stats.meanMs === undefined || stats.medianMs === undefined)
    return 'no responses yet';
  return `mean ${duration(stats.meanMs)}, median ${duration(stats.medianMs)} (${stats.count} alerts)`;
}

/** `45s`, `12m`, `3h 05m`, `2d 4h`. */
function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
