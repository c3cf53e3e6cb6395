import type { Finding } from '../finding/schema';

/**
 * The triage model: an alert is a finding put in front of people, plus the append-only list of what they did
 * about it. The status is never stored on its own authority: it is derived from the responses
 * (`deriveStatus`), so the trail and the status can never disagree.
 */

/** What a person can do to an alert. `refused` records a click that the policy turned down. */
export const responseActions = ['acknowledge', 'justify', 'escalate', 'refused'] as const;
export type ResponseAction = (typeof responseActions)[number];

export type AlertStatus = 'open' | 'acknowledged' | 'justified' | 'escalated';

/** The person who responded, as the chat platform identifies them. */
export interface Responder {
  /** `slack` or `teams` or `cli`. */
  readonly platform: 'slack' | 'teams' | 'cli';
  /** The platform's user id (Slack `U...`), or the local OS user for the CLI. */
  readonly userId: string;
  /** A readable name at the time of the response (kept, since names change). */
  readonly name: string;
  readonly email?: string;
}

/** One entry of the append-only trail. */
export interface AlertResponse {
  readonly action: ResponseAction;
  readonly by: Responder;
  /** ISO 8601. */
  readonly at: string;
  /** The justification or escalation reason; for `refused`, why it was refused. */
  readonly text?: string;
  /** A ticket or change-request link given with a justification. */
  readonly ticketUrl?: string;
  /** For `refused`: the action that was attempted. */
  readonly attempted?: Exclude<ResponseAction, 'refused'>;
}

/** Where a card was posted, so it can be updated in place. */
export interface PostedMessage {
  readonly platform: 'slack' | 'teams' | 'terminal';
  /** Slack channel id, or Teams conversation id. */
  readonly channel: string;
  /** Slack message `ts`, or Teams activity id. */
  readonly messageId: string;
  readonly permalink?: string;
}

/** An alert as stored: the finding, where its card lives, and its trail. */
export interface Alert {
  readonly id: string;
  readonly finding: Finding;
  /** ISO 8601: when the notifier first stored it. */
  readonly createdAt: string;
  readonly status: AlertStatus;
  readonly responses: readonly AlertResponse[];
  readonly messages: readonly PostedMessage[];
}
