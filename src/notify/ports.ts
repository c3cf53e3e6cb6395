import type { Alert, PostedMessage } from '../triage/model';

/** Where one card goes: for Slack, a channel id (`C…`) or name. */
export interface CardRoute {
  readonly channel: string;
}

/**
 * Posts an alert's card to a chat platform and updates it in place. Implementations render the card
 * themselves (from `buildCard(alert)`), so callers only ever pass alerts.
 *
 * Errors are thrown, never swallowed: a failed post must make the notifier fail (and SNS or Lambda retry),
 * a failed update must reach the person who clicked.
 */
export interface CardPublisher {
  /**
   * Posts the card and returns where it lives, to be stored with the alert.
   *
   * @example
   * const message = await publisher.post(alert, { channel: 'C0ALERTS' });
   * // { platform: 'slack', channel: 'C0ALERTS', messageId: '1763647201.000001' }
   */
  post(alert: Alert, route: CardRoute): Promise<PostedMessage>;
  /**
   * Replaces a posted card with the alert's current state (status line, remaining buttons).
   *
   * @example
   * await publisher.update(acknowledgedAlert, acknowledgedAlert.messages[0]);
   */
  update(alert: Alert, message: PostedMessage): Promise<void>;
}

/** A chat user as a directory knows them. */
export interface ChatUser {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

/**
 * Looks people up on the chat platform: the actor by e-mail (separation of duties: the person who made the
 * change cannot acknowledge it), the responder's groups (who may acknowledge or escalate).
 */
export interface UserDirectory {
  /** The user with this e-mail address, or undefined when there is none. */
  lookupUserByEmail(email: string): Promise<ChatUser | undefined>;
  /** The user with this id, or undefined when there is none. */
  userById(userId: string): Promise<ChatUser | undefined>;
  /** The member ids of a user group (Slack `S…`); empty for an unknown group. */
  userGroupMembers(groupId: string): Promise<readonly string[]>;
}
