import type { Finding } from '../finding/schema';
import type { Alert } from '../triage/model';
import { formatUtcDateTime, formatUtcTime, httpUrl, listWithMore, mitreTechniqueUrl } from './card-format';
import { availableActions, statusLines } from './card-status';
import type { AlertCard, CardFact, CardLink, CardOutcome, CardSection } from './card-types';
import { logsInsightsUrl } from './logs-insights';

export type * from './card-types';

/** What the card cannot work out from the alert alone. */
export interface BuildCardOptions {
  /** Overrides the Logs Insights link (else the finding's own link, else one built from the finding). */
  readonly logsInsightsUrl?: string;
  /** More links, e.g. the original card's permalink on an escalation-channel post. */
  readonly extraLinks?: readonly { readonly label: string; readonly url: string }[];
}

/** How many source IPs a card lists before saying `and N more`. */
const MAX_SOURCE_IPS = 5;

/**
 * Builds the platform-neutral card of an alert. Plain text only: renderers escape.
 *
 * @example
 * const card = buildCard(anAlert());
 * card.summary; // 'alice@example.com deleted secret kube-system/db-creds on prod-eu'
 * card.actions.map((a) => a.label); // ['Acknowledge', 'Justify', 'Escalate']
 */
export function buildCard(alert: Alert, options: BuildCardOptions = {}): AlertCard {
  const { finding } = alert;
  const outcome = cardOutcome(finding);
  return {
    alertId: alert.id,
    severity: finding.severity,
    summary: finding.summary,
    status: alert.status,
    statusLines: statusLines(alert),
    outcome,
    sections: [
      section('who', 'Who', whoFacts(finding)),
      section('what', 'What', whatFacts(finding)),
      section('where', 'Where', whereFacts(finding)),
      section('when', 'When', whenFacts(finding)),
      section('from', 'From', fromFacts(finding)),
      section('outcome', 'Outcome', [text('Result', outcome.label)]),
      section('rule', 'Rule', ruleFacts(finding)),
    ],
    reasons: finding.reasons,
    links: cardLinks(finding, options),
    actions: availableActions(alert),
    footer: [id('Alert', alert.id), id('Finding', finding.id), id('Audit ID', finding.auditId)],
  };
}

function section(id: CardSection['id'], title: string, facts: CardFact[]): CardSection {
  return { id, title, facts };
}

const id = (label: string, value: string): CardFact => ({ label, value, kind: 'identifier' });
const text = (label: string, value: string): CardFact => ({ label, value, kind: 'text' });
/** Facts whose value is missing are left out rather than shown empty. */
const present = (facts: readonly (CardFact | undefined | false)[]): CardFact[] =>
  facts.filter((fact): fact is CardFact => Boolean(fact) && (fact as CardFact).value !== '');

function whoFacts({ actor }: Finding): CardFact[] {
  return present([
    id('Name', actor.displayName),
    actor.username !== actor.displayName && id('Kubernetes user', actor.username),
    actor.iamArn !== undefined && id('IAM ARN', actor.iamArn),
    actor.sessionName !== undefined && id('Session', actor.sessionName),
  ]);
}

function whatFacts({ action }: Finding): CardFact[] {
  const resource = action.apiGroup ? `${action.resource ?? ''}.${action.apiGroup}` : action.resource;
  const object = [action.namespace, action.name].filter(Boolean).join('/');
  return present([
    id('Verb', action.verb),
    resource !== undefined && id('Resource', resource),
    id('Object', object),
    action.subresource !== undefined && id('Subresource', action.subresource),
    action.dryRun && text('Dry run', 'yes (nothing was changed)'),
    action.impersonatedUser !== undefined && id('Impersonating', action.impersonatedUser),
  ]);
}

function whereFacts({ where }: Finding): CardFact[] {
  const account =
    where.accountId && where.accountName ? `${where.accountId} (${where.accountName})` : undefined;
  return present([
    id('Cluster', where.cluster),
    (account ?? where.accountId ?? where.accountName) !== undefined &&
      id('Account', account ?? where.accountId ?? where.accountName ?? ''),
    where.region !== undefined && id('Region', where.region),
  ]);
}

function whenFacts(finding: Finding): CardFact[] {
  return [
    text('Time', formatUtcDateTime(finding.time)),
    text('Detected', formatUtcTime(finding.detectedAt, finding.time, { seconds: true })),
  ];
}

function fromFacts({ source }: Finding): CardFact[] {
  return present([
    id('Source IP', source.ips.length > 0 ? listWithMore(source.ips, MAX_SOURCE_IPS) : 'unknown'),
    source.userAgent !== undefined && id('User agent', source.userAgent),
  ]);
}

function ruleFacts({ rule, alsoMatched }: Finding): CardFact[] {
  const mitre = rule.mitre ? [rule.mitre.id, rule.mitre.name].filter(Boolean).join(' ') : '';
  return present([
    text('Title', rule.title),
    id('Rule id', rule.id),
    text('Severity', rule.severity),
    mitre !== '' && text('MITRE ATT&CK', mitre),
    alsoMatched.length > 0 && id('Also matched', alsoMatched.join(', ')),
  ]);
}

/**
 * `Allowed (HTTP 200)`; a refused request is an attempt, shown in capitals so it is not mistaken for a change.
 *
 * @example
 * cardOutcome(aFinding({ outcome: 'denied', responseCode: 403 })).label; // 'DENIED attempt (HTTP 403)'
 */
export function cardOutcome(finding: Finding): CardOutcome {
  const code = finding.responseCode;
  const http = code === undefined ? '' : ` (HTTP ${code})`;
  const label =
    finding.outcome === 'allowed'
      ? `Allowed${http}`
      : finding.outcome === 'denied'
        ? `DENIED attempt${http}`
        : `Outcome unknown${http}`;
  return { kind: finding.outcome, ...(code === undefined ? {} : { code }), label };
}

function cardLinks(finding: Finding, options: BuildCardOptions): CardLink[] {
  const links: CardLink[] = [];
  const logs = httpUrl(options.logsInsightsUrl ?? finding.links.logsInsights ?? logsInsightsUrl(finding));
  if (logs) links.push({ kind: 'logs-insights', label: 'Open in CloudWatch Logs Insights', url: logs });
  const mitre = finding.rule.mitre ? mitreTechniqueUrl(finding.rule.mitre.id) : undefined;
  if (mitre && finding.rule.mitre)
    links.push({ kind: 'mitre', label: `MITRE ${finding.rule.mitre.id}`, url: mitre });
  for (const extra of options.extraLinks ?? []) {
    const url = httpUrl(extra.url);
    if (url) links.push({ kind: 'other', label: extra.label, url });
  }
  return links;
}
