import { formatUtcTime } from '../notify/card-format';
import type { Clock } from '../shared/clock';
import type { Alert, AlertResponse, Responder } from '../triage/model';
import type { TriageAction, TriagePolicy } from '../triage/policy';
import type { AuditTrail, RespondResult } from '../triage/ports';
import type { TeamsClick } from './click';
import { type TeamsIdentity, teamsResponder } from './identity';

/**
 * Teams clicks through the triage rules and the trail. Interim: the shared triage service (acknowledge /
 * justify / escalate through policy + trail, for Slack and Teams alike) will replace this file; until then it
 * calls the `AuditTrail` port and the policy directly, exactly as that service is meant to.
 */
export interface TeamsTriageDeps {
  readonly trail: AuditTrail;
  readonly policy: TriagePolicy;
  readonly clock: Clock;
}

/** What to answer the click with. */
export type TeamsTriageOutcome =
  /** Show the alert's current card; `changed`: something was recorded, so update the card for everyone. */
  | { readonly kind: 'card'; readonly alert: Alert; readonly changed: boolean }
  /** Tell the person who clicked (refused, already done); `alert` when the card should catch up anyway. */
  | { readonly kind: 'message'; readonly text: string; readonly alert?: Alert };

/**
 * Runs one click: refresh shows the current state; acknowledge, justify and escalate are decided by the
 * policy (separation of duties on the user's e-mail or UPN, allow lists on `teams:<Entra object id>`), then
 * recorded with the trail's conditional writes. Refused clicks are recorded as refused attempts.
 *
 * @example
 * const outcome = await runTeamsTriageAction({ verb: 'acknowledge', alertId: 'f-1' }, bob, deps);
 * // { kind: 'card', alert: <acknowledged by bob>, changed: true }
 */
export async function runTeamsTriageAction(
  click: TeamsClick,
  identity: TeamsIdentity,
  deps: TeamsTriageDeps,
): Promise<TeamsTriageOutcome> {
  const alert = await deps.trail.getAlert(click.alertId);
  if (!alert)
    return { kind: 'message', text: `Alert ${click.alertId} is not in the audit trail (past retention?).` };
  if (click.verb === 'refresh') return { kind: 'card', alert, changed: false };

  const responder = teamsResponder(identity, alert);
  const at = deps.clock().toISOString();
  const refusal = refusalReason(click.verb, alert, responder, identity, deps.policy);
  if (refusal !== undefined) {
    await deps.trail.recordRefusal(alert.id, {
      action: 'refused',
      attempted: click.verb,
      by: responder,
      at,
      text: refusal,
    });
    return { kind: 'message', text: refusal };
  }
  const response: AlertResponse = {
    action: click.verb,
    by: responder,
    at,
    ...('text' in click ? { text: click.text } : {}),
    ...('ticketUrl' in click && click.ticketUrl ? { ticketUrl: click.ticketUrl } : {}),
  };
  return outcomeOf(await deps.trail.respond(alert.id, response), alert);
}

function refusalReason(
  action: TriageAction,
  alert: Alert,
  responder: Responder,
  identity: TeamsIdentity,
  policy: TriagePolicy,
): string | undefined {
  // Separation of duties needs the clicker's e-mail; without it the check would pass by default, so an
  // acknowledgement is refused rather than risk the author acknowledging their own change.
  if (action === 'acknowledge' && policy.config.separationOfDuties && responder.email === undefined) {
    return identity.verified
      ? 'Teams has no e-mail address or UPN for you, so eks-audit cannot check that this change is not yours. Ask someone else to acknowledge it, or justify it instead.'
      : 'eks-audit could not look you up in Teams just now, so it cannot check that this change is not yours. Try again in a moment.';
  }
  const decision = policy.decide(action, alert, responder, { responderGroups: [] });
  return decision.allowed ? undefined : decision.reason;
}

function outcomeOf(result: RespondResult, before: Alert): TeamsTriageOutcome {
  if (result.ok) return { kind: 'card', alert: result.alert, changed: true };
  switch (result.reason) {
    case 'not-found':
      return { kind: 'message', text: `Alert ${before.id} is no longer in the audit trail.` };
    case 'already-acknowledged':
    case 'already-escalated': {
      const verb = result.reason === 'already-acknowledged' ? 'acknowledged' : 'escalated';
      const when = formatUtcTime(result.at, before.finding.time);
      return {
        kind: 'message',
        text: `Already ${verb} by ${result.by.name} (${when}).`,
        alert: result.alert,
      };
    }
    case 'too-many-responses':
      return {
        kind: 'message',
        text: 'This alert has as many justifications as it can hold; add yours to the ticket instead.',
        alert: result.alert,
      };
  }
}
