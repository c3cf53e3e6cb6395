import { formatUtcDateTime } from '../notify/card-format';
import type { TeamsTextReport } from '../notify/teams/report-card';
import type { Alert, AlertResponse } from '../triage/model';
import type { AuditTrail } from '../triage/ports';

/** A command sent to the bot (`@eks-audit-bot pending`, or `eks-audit pending` in a personal chat). */
export type TeamsCommand =
  | { readonly name: 'help' }
  | { readonly name: 'pending' }
  | { readonly name: 'show'; readonly alertId: string }
  | { readonly name: 'report'; readonly args: readonly string[] }
  | { readonly name: 'here' };

/**
 * Reads a command from message text (the bot's mention already stripped). A leading `eks-audit` is optional,
 * so `eks-audit pending` and `pending` are the same. Anything unknown is `help`.
 *
 * @example
 * parseTeamsCommand('eks-audit show f-6b1d0c9e2a4f'); // { name: 'show', alertId: 'f-6b1d0c9e2a4f' }
 */
export function parseTeamsCommand(text: string): TeamsCommand {
  const words = text
    .replace(/&nbsp;|\u00a0/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words[0]?.toLowerCase() === 'eks-audit') words.shift();
  const [name, ...args] = words;
  switch (name?.toLowerCase()) {
    case 'pending':
      return { name: 'pending' };
    case 'show':
      return args[0] ? { name: 'show', alertId: args[0] } : { name: 'help' };
    case 'report':
      return { name: 'report', args };
    case 'here':
      return { name: 'here' };
    default:
      return { name: 'help' };
  }
}

export interface TeamsCommandDeps {
  readonly trail: AuditTrail;
  /** The conversation the command came from, for `here`. */
  readonly conversationId: string;
}

/** How many open alerts `pending` lists (oldest first). */
const PENDING_LIMIT = 25;

/**
 * Answers a command from the audit trail.
 *
 * @example
 * const report = await runTeamsCommand({ name: 'pending' }, { trail, conversationId });
 * report.title; // 'Open alerts: 2'
 */
export async function runTeamsCommand(
  command: TeamsCommand,
  deps: TeamsCommandDeps,
): Promise<TeamsTextReport> {
  switch (command.name) {
    case 'pending':
      return pending(deps.trail);
    case 'show':
      return show(deps.trail, command.alertId);
    case 'report':
      return {
        title: 'eks-audit report',
        lines: [
          'The report is not available in Teams yet: use /eks-audit report in Slack or the eks-audit CLI.',
        ],
      };
    case 'here':
      return {
        title: 'This conversation',
        lines: [`teamsConversation: ${deps.conversationId}`],
        note: 'Put this id in ROUTING (a route\'s "teamsConversation", or "defaultTeamsConversation") to send alerts here.',
      };
    case 'help':
      return help;
  }
}

const help: TeamsTextReport = {
  title: 'eks-audit commands',
  lines: [
    'pending: open alerts, oldest first',
    'show <alert id>: an alert and its whole trail',
    'report [24h|7d|30d] [cluster]: counts by rule, severity and actor',
    'here: the id of this conversation, for ROUTING',
  ],
  note: 'In a channel, mention the bot first: @eks-audit pending',
};

async function pending(trail: AuditTrail): Promise<TeamsTextReport> {
  const page = await trail.listOpen({ limit: PENDING_LIMIT, order: 'oldest-first' });
  const lines = page.items.map(alertLine);
  const notes = [
    page.cursor ? `Showing the oldest ${PENDING_LIMIT}; there are more.` : '',
    page.skipped > 0 ? `${page.skipped} stored alerts could not be read and are not listed.` : '',
  ].filter(Boolean);
  return {
    title: lines.length === 0 ? 'No open alerts' : `Open alerts: ${lines.length}${page.cursor ? '+' : ''}`,
    lines,
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

async function show(trail: AuditTrail, alertId: string): Promise<TeamsTextReport> {
  const alert = await trail.getAlert(alertId);
  if (!alert)
    return {
      title: `No alert ${alertId}`,
      lines: ['It is not in the audit trail (check the id, or it is past retention).'],
    };
  return {
    title: `Alert ${alert.id}: ${alert.status}`,
    lines: [alertLine(alert), ...alert.responses.map(responseLine)],
    ...(alert.responses.length === 0 ? { note: 'Nobody has responded yet.' } : {}),
  };
}

function alertLine(alert: Alert): string {
  const { finding } = alert;
  return `[${finding.severity.toUpperCase()}] ${finding.summary} · ${formatUtcDateTime(finding.time)} · ${alert.id}`;
}

function responseLine(response: AlertResponse): string {
  const who = `${response.by.name} (${response.by.platform}${response.by.email ? `, ${response.by.email}` : ''})`;
  const when = formatUtcDateTime(response.at);
  const what = response.action === 'refused' ? `refused ${response.attempted ?? 'action'}` : response.action;
  const extra = [response.text, response.ticketUrl ? `ticket ${response.ticketUrl}` : '']
    .filter(Boolean)
    .join(' · ');
  return `${when} · ${what} by ${who}${extra ? `: ${extra}` : ''}`;
}
