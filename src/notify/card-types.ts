import type { Severity } from '../finding/schema';
import type { AlertStatus, Responder } from '../triage/model';

/**
 * The platform-neutral card: everything a person needs to judge an alert at a glance, as plain text.
 * Renderers (Slack Block Kit, Teams Adaptive Card, the terminal) decide layout and do all escaping; nothing
 * in here is pre-escaped or pre-formatted for any platform.
 *
 * The card depends only on the alert (no clock, no randomness), so re-rendering the same alert always gives
 * the same message: updates are idempotent and golden files are stable.
 */
export interface AlertCard {
  readonly alertId: string;
  readonly severity: Severity;
  /** One line: `alice@example.com deleted secret kube-system/db-creds on prod-eu`. */
  readonly summary: string;
  readonly status: AlertStatus;
  /** One line per recorded response, oldest first (refused attempts are in the trail, not on the card). */
  readonly statusLines: readonly StatusLine[];
  readonly outcome: CardOutcome;
  /** Who, what, where, when, from, outcome, rule: in that order. */
  readonly sections: readonly CardSection[];
  /** Why the rule matched, as the rule engine wrote it. */
  readonly reasons: readonly string[];
  readonly links: readonly CardLink[];
  /** The buttons still useful given what has been recorded; empty once everything has been done. */
  readonly actions: readonly CardAction[];
  /** Identifiers for the record: alert id, finding id, rule id, detection time. */
  readonly footer: readonly CardFact[];
}

/** The section ids, stable so renderers can lay them out (and tests can find them). */
export type CardSectionId = 'who' | 'what' | 'where' | 'when' | 'from' | 'outcome' | 'rule';

/** A titled group of facts. */
export interface CardSection {
  readonly id: CardSectionId;
  readonly title: string;
  readonly facts: readonly CardFact[];
}

/**
 * One labelled value. `identifier` values (names, ARNs, IPs) must be shown verbatim, so renderers put them in
 * monospace and never alter their characters; `text` values are prose.
 */
export interface CardFact {
  readonly label: string;
  readonly value: string;
  readonly kind: 'identifier' | 'text';
}

/** Whether the request happened: a denied attempt is shown as loudly as a change. */
export interface CardOutcome {
  readonly kind: 'allowed' | 'denied' | 'unknown';
  readonly code?: number;
  /** `Allowed (HTTP 200)`, `DENIED attempt (HTTP 403)`, `Outcome unknown`. */
  readonly label: string;
}

/** The response actions a card can offer. */
export type CardActionKind = 'acknowledge' | 'justify' | 'escalate';

/** A button. `confirm` asks before acting (Escalate pages people). */
export interface CardAction {
  readonly kind: CardActionKind;
  readonly label: string;
  readonly style: 'primary' | 'danger' | 'default';
  readonly confirm?: CardConfirm;
}

/** A confirmation dialog's texts. */
export interface CardConfirm {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  readonly deny: string;
}

/** A link the card offers; `url` has been checked to be http(s). */
export interface CardLink {
  readonly kind: 'logs-insights' | 'mitre' | 'ticket' | 'other';
  readonly label: string;
  readonly url: string;
}

/** A recorded response as the card shows it. */
export interface StatusLine {
  readonly action: CardActionKind;
  readonly by: Responder;
  /** ISO 8601, as recorded. */
  readonly at: string;
  /** `14:02 UTC`, or `2026-11-21 14:02 UTC` when not on the day of the event. */
  readonly atText: string;
  /** The justification or escalation reason, as typed. */
  readonly text?: string;
  /** The ticket link given with a justification, when it is an http(s) URL. */
  readonly ticket?: CardLink;
  /** A ticket reference that is not an http(s) URL (`OPS-1234`), kept as text so nothing typed is lost. */
  readonly ticketReference?: string;
  /** The whole line as plain text: `Justified by alice, 14:05 UTC: rotating leaked key (ticket)`. */
  readonly plain: string;
}
