import type { Severity } from '../finding/schema';
import { httpUrl } from '../notify/card-format';
import { cardOutcome } from '../notify/card-model';
import { logsInsightsUrl } from '../notify/logs-insights';
import type { Alert, AlertResponse, AlertStatus } from '../triage/model';
import { cardLink, type MessageLinker } from './links';

/** One entry of an alert's trail, refused attempts included. */
export interface TrailEntry {
  readonly action: AlertResponse['action'];
  /** For a refused attempt: what the person tried to do. */
  readonly attempted?: AlertResponse['attempted'];
  readonly by: {
    readonly name: string;
    readonly platform: string;
    readonly userId: string;
    readonly email?: string;
  };
  /** ISO 8601. */
  readonly at: string;
  /** The justification, the escalation reason, or why a click was refused. */
  readonly text?: string;
  readonly ticketUrl?: string;
}

/** `/eks-audit show <alert id>`: the alert and everything recorded about it. */
export interface AlertTrailView {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly status: AlertStatus;
  /** `Allowed (HTTP 200)`, `DENIED attempt (HTTP 403)`. */
  readonly outcome: string;
  readonly cluster: string;
  readonly actor: string;
  readonly rule: { readonly id: string; readonly title: string };
  /** When the change happened and when the alert was stored, ISO 8601. */
  readonly changeTime: string;
  readonly createdAt: string;
  readonly cardLink?: string;
  /** Where each card was posted (channel or conversation ids). */
  readonly postedTo: readonly string[];
  readonly logsInsightsUrl?: string;
  /** The whole trail in time order, refused attempts included. */
  readonly entries: readonly TrailEntry[];
}

/**
 * The view of one alert's whole trail (from `AuditTrail.getAlert`, which includes refused attempts).
 *
 * @example
 * buildAlertTrail(await trail.getAlert('f-6b1d0c9e2a4f')).entries.map((e) => e.action); // ['refused', 'acknowledge']
 */
export function buildAlertTrail(alert: Alert, linker?: MessageLinker): AlertTrailView {
  const { finding } = alert;
  const link = cardLink(alert, linker);
  const logs = httpUrl(finding.links.logsInsights ?? logsInsightsUrl(finding));
  return {
    id: alert.id,
    severity: finding.severity,
    summary: finding.summary,
    status: alert.status,
    outcome: cardOutcome(finding).label,
    cluster: finding.where.cluster,
    actor: finding.actor.displayName,
    rule: { id: finding.rule.id, title: finding.rule.title },
    changeTime: finding.time,
    createdAt: alert.createdAt,
    ...(link ? { cardLink: link } : {}),
    postedTo: alert.messages.map((message) => `${message.platform}:${message.channel}`),
    ...(logs ? { logsInsightsUrl: logs } : {}),
    entries: alert.responses.map(trailEntry),
  };
}

function trailEntry(response: AlertResponse): TrailEntry {
  const { by } = response;
  return {
    action: response.action,
    ...(response.attempted ? { attempted: response.attempted } : {}),
    by: { name: by.name, platform: by.platform, userId: by.userId, ...(by.email ? { email: by.email } : {}) },
    at: response.at,
    ...(response.text ? { text: response.text } : {}),
    ...(response.ticketUrl ? { ticketUrl: response.ticketUrl } : {}),
  };
}
