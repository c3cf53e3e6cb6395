import type { Alert, AlertResponse, PostedMessage, Responder } from './model';
import type { TriageAction } from './policy';
import type { RespondResult } from './ports';

/**
 * What `TriageService` answers a click with. Platform-neutral: each front end turns it into its own reply
 * (`slackReply` for Slack), so the decisions, and the words for them, are the same everywhere.
 */
export type TriageOutcome =
  | TriageDone
  | TriageRefused
  | TriageAlreadyDone
  | TriageLimitReached
  | TriageNotFound;

/** The response was recorded; the cards and escalation destinations were told (see `followUp`). */
export interface TriageDone {
  readonly kind: 'ok';
  readonly action: TriageAction;
  /** The alert after the response, accepted responses only. */
  readonly alert: Alert;
  /** The response as recorded (with the responder's name and e-mail as the platform gave them). */
  readonly response: AlertResponse;
  readonly followUp: FollowUp;
}

/**
 * The policy turned the click down (the refused attempt is recorded in the trail):
 * `own-change` separation of duties, `not-permitted` not on the allow-list, `identity-unknown` the platform
 * could not be asked who the person is, so the policy could not be applied (fails closed).
 */
export interface TriageRefused {
  readonly kind: 'refused';
  readonly action: TriageAction;
  readonly code: 'own-change' | 'not-permitted' | 'identity-unknown';
  /** A sentence for the person who clicked. */
  readonly reason: string;
  readonly alert: Alert;
}

/** Someone else got there first: acknowledge and escalate happen once. */
export interface TriageAlreadyDone {
  readonly kind: 'already-done';
  readonly action: 'acknowledge' | 'escalate';
  /** Who did it, and when (ISO 8601). */
  readonly by: Responder;
  readonly at: string;
  readonly alert: Alert;
}

/** The alert holds as many justifications as it can (`triageLimits.maxJustifications`). */
export interface TriageLimitReached {
  readonly kind: 'limit-reached';
  readonly action: TriageAction;
  readonly alert: Alert;
}

/** No such alert (a mistyped id, or one past retention). */
export interface TriageNotFound {
  readonly kind: 'not-found';
  readonly action: TriageAction;
  readonly alertId: string;
}

/** What happened after the response was recorded. Failures here never undo the response. */
export interface FollowUp {
  /** Cards updated in place. */
  readonly cardsUpdated: readonly PostedMessage[];
  /** Escalation destinations told (by `EscalationNotifier.name`). */
  readonly notified: readonly string[];
  readonly failures: readonly FollowUpFailure[];
}

/** One follow-up that did not happen. */
export interface FollowUpFailure {
  /** `card`: a card update; `escalation`: an escalation destination. */
  readonly kind: 'card' | 'escalation';
  /** A card's platform: a front end may leave out the cards its users cannot see. */
  readonly platform?: PostedMessage['platform'];
  /** The channel of the card, or the escalation destination's name. */
  readonly target: string;
  /** A one-line description of the error (no payloads, no secrets). */
  readonly error: string;
}

/**
 * The outcome of a write the trail turned down: not found, someone was first, or the alert is full.
 *
 * @example
 * notDoneOutcome('acknowledge', { ok: false, reason: 'already-acknowledged', by, at, alert }, alert.id);
 * // { kind: 'already-done', action: 'acknowledge', by, at, alert }
 */
export function notDoneOutcome(
  action: TriageAction,
  result: Extract<RespondResult, { ok: false }>,
  alertId: string,
): TriageOutcome {
  switch (result.reason) {
    case 'not-found':
      return { kind: 'not-found', action, alertId };
    case 'already-acknowledged':
      return {
        kind: 'already-done',
        action: 'acknowledge',
        by: result.by,
        at: result.at,
        alert: result.alert,
      };
    case 'already-escalated':
      return { kind: 'already-done', action: 'escalate', by: result.by, at: result.at, alert: result.alert };
    case 'too-many-responses':
      return { kind: 'limit-reached', action, alert: result.alert };
  }
}
