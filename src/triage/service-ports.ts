import type { Alert, AlertResponse, PostedMessage, Responder } from './model';

/**
 * The ports the triage service needs besides the audit trail (`AuditTrail` in ports.ts): who people are on
 * the platform they clicked on, and who must hear about an escalation.
 */

/**
 * What the chat platform knows about the people who click. Slack answers from `users.info`,
 * `users.lookupByEmail` and `usergroups.users.list` (cached, see `directoryResponders`); a platform whose
 * sign-in already carries the e-mail (Teams) answers from the responder itself (`selfDescribedResponders`).
 *
 * Every method throws when the platform could not be asked (rate limited, down); "nobody" is an answer
 * (`undefined`, `[]`), not an error.
 */
export interface ResponderDirectory {
  /**
   * The responder with the name and e-mail the platform has for them; the responder as given when it has
   * nothing more. What is returned is what the trail records.
   */
  describe(responder: Responder): Promise<Responder>;
  /** The platform user id of the person with this e-mail address, or undefined when there is none. */
  userIdByEmail(email: string): Promise<string | undefined>;
  /** Which of `groupIds` (Slack user groups, `S…`) the responder belongs to. */
  groupsOf(responder: Responder, groupIds: readonly string[]): Promise<readonly string[]>;
}

/** One recorded escalation, handed to every `EscalationNotifier`. */
export interface Escalation {
  /** The alert as it stands after the escalation was recorded. */
  readonly alert: Alert;
  /** The escalation itself: who, when, why (`text`). */
  readonly response: AlertResponse;
  /** The card the escalation was made from, when it came from one (its permalink is the link to give). */
  readonly origin?: PostedMessage;
}

/**
 * Someone who must hear about an escalation: the escalation SNS topic (PagerDuty, Opsgenie and e-mail
 * subscribe there), the escalation channel. Called once per escalation, after it is recorded, so a second
 * Escalate click never pages twice. Throws when the notification could not be delivered; the service
 * reports that to the person who escalated (the escalation itself stays recorded).
 */
export interface EscalationNotifier {
  /** Names the destination in replies and logs: `escalation topic`, `escalation channel`. */
  readonly name: string;
  notify(escalation: Escalation): Promise<void>;
}
