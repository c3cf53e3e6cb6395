import type { Finding, Severity } from '../finding/schema';
import type { Responder } from './model';
import type { Escalation } from './service-ports';

/** The version of the escalation message; fields are only ever added within one version. */
export const ESCALATION_SCHEMA_VERSION = 1 as const;

/**
 * What the escalation SNS topic carries: who escalated what and why, a link to the card, and the whole
 * finding, so a subscriber (PagerDuty, Opsgenie, e-mail, a Lambda) needs nothing else. Versioned like the
 * finding message. The finding holds no Secret data (ingest never copies it), so neither does this.
 */
export interface EscalationMessage {
  readonly schemaVersion: typeof ESCALATION_SCHEMA_VERSION;
  readonly type: 'eks-audit.escalation';
  readonly alertId: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly cluster: string;
  /** Who escalated: platform, user id, name and (when known) e-mail. */
  readonly escalatedBy: Responder;
  /** ISO 8601. */
  readonly escalatedAt: string;
  readonly reason: string;
  /** The alert's card (a Slack permalink), when known. */
  readonly cardUrl?: string;
  readonly finding: Finding;
}

/**
 * Builds the escalation message of a recorded escalation. The card link is the clicked card's permalink,
 * else the first posted card that has one.
 *
 * @example
 * escalationMessage({ alert, response: carolsEscalation, origin });
 * // { schemaVersion: 1, type: 'eks-audit.escalation', alertId: 'f-6b1d0c9e2a4f', reason: 'not planned', ... }
 */
export function escalationMessage(escalation: Escalation): EscalationMessage {
  const { alert, response, origin } = escalation;
  const cardUrl = origin?.permalink ?? alert.messages.find((message) => message.permalink)?.permalink;
  return {
    schemaVersion: ESCALATION_SCHEMA_VERSION,
    type: 'eks-audit.escalation',
    alertId: alert.id,
    severity: alert.finding.severity,
    summary: alert.finding.summary,
    cluster: alert.finding.where.cluster,
    escalatedBy: response.by,
    escalatedAt: response.at,
    reason: response.text ?? '',
    ...(cardUrl ? { cardUrl } : {}),
    finding: alert.finding,
  };
}
