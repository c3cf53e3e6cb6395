import type { Severity } from '../finding/schema';
import { actorKey } from '../triage/actor';
import type { Alert, AlertStatus } from '../triage/model';
import { firstResponse, statusPrecedence } from '../triage/status';

/**
 * The few facts about an alert that reports aggregate: small enough that a 30-day report over 100,000 alerts
 * can read them from a slim index (`DynamoAlertFacts`) instead of decoding every stored finding. Built either
 * from a full `Alert` (`alertFact`) or from the slim index, with the same meaning.
 */
export interface AlertFact {
  readonly id: string;
  /** When the change happened (the audit event's time), ISO 8601. */
  readonly changeTime: string;
  /** When the alert was stored (the card was posted right after), ISO 8601. */
  readonly createdAt: string;
  readonly severity: Severity;
  readonly ruleId: string;
  readonly cluster: string;
  /** Who made the change, as the trail files them: the e-mail when known, else the display name, lower case. */
  readonly actor: string;
  /** `allowed`: a change happened; `denied`: an attempt was refused. */
  readonly outcome: 'allowed' | 'denied' | 'unknown';
  /** One line: `alice@example.com deleted secret kube-system/db-creds on prod-eu`. */
  readonly summary: string;
  readonly status: AlertStatus;
  /** True once anyone recorded a justification (whatever else happened). */
  readonly justified: boolean;
  /** When the first acknowledge, justify or escalate was recorded. */
  readonly firstResponseAt?: string;
}

/** The name reports use for an actor the trail could not name. */
export const UNKNOWN_ACTOR = '(unknown)';

/**
 * The facts of a full alert.
 *
 * @example
 * alertFact(anAlert()).actor; // 'alice@example.com'
 */
export function alertFact(alert: Alert): AlertFact {
  const { finding } = alert;
  const accepted = alert.responses.filter((response) => response.action !== 'refused');
  const first = accepted[0];
  return {
    id: alert.id,
    changeTime: isoOr(finding.time, alert.createdAt),
    createdAt: alert.createdAt,
    severity: finding.severity,
    ruleId: finding.rule.id,
    cluster: finding.where.cluster,
    actor: actorKey(finding.actor) || UNKNOWN_ACTOR,
    outcome: finding.outcome,
    summary: finding.summary,
    status: alert.status,
    justified: firstResponse(accepted, 'justify') !== undefined,
    ...(first ? { firstResponseAt: first.at } : {}),
  };
}

/** What the store remembers of the responses, without the responses themselves. */
export interface ResponseMarkers {
  readonly acknowledged: boolean;
  readonly justified: boolean;
  readonly escalated: boolean;
}

/**
 * The status the responses give, from their markers alone, with the same precedence as `deriveStatus`
 * (escalated > justified > acknowledged > open).
 *
 * @example
 * statusFromMarkers({ acknowledged: true, justified: true, escalated: false }); // 'justified'
 */
export function statusFromMarkers(markers: ResponseMarkers): AlertStatus {
  const reached: Readonly<Record<AlertStatus, boolean>> = {
    escalated: markers.escalated,
    justified: markers.justified,
    acknowledged: markers.acknowledged,
    open: true,
  };
  return statusPrecedence.find((status) => reached[status]) ?? 'open';
}

/** A fixed-width ISO time (sorts as text), or the fallback when `value` is not a date. */
function isoOr(value: string, fallback: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? fallback : date.toISOString();
}
