import type { FindingActor } from '../finding/schema';

const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True when `value` looks like an e-mail address (`name@domain.tld`). */
export function isEmailLike(value: string): boolean {
  return emailLike.test(value.trim());
}

/**
 * The e-mail addresses a finding's actor is known by, lower-cased: `actor.email`, and `displayName` or
 * `sessionName` when they look like one (IAM Identity Center sessions are named after the user's e-mail).
 *
 * @example
 * actorEmails(aFinding().actor); // ['alice@example.com']
 */
export function actorEmails(actor: FindingActor): readonly string[] {
  const candidates = [actor.email, actor.displayName, actor.sessionName];
  const emails = candidates
    .filter((value): value is string => value !== undefined && isEmailLike(value))
    .map((value) => value.trim().toLowerCase());
  return [...new Set(emails)];
}

/**
 * The one key an actor is filed under for "what did this person change": the e-mail when known, else the
 * display name; trimmed and lower-cased so `Alice@Example.com` and `alice@example.com` are one person.
 *
 * @example
 * actorKey(aFinding().actor); // 'alice@example.com'
 */
export function actorKey(actor: FindingActor): string {
  return normalizeActorQuery(actorEmails(actor)[0] ?? actor.displayName);
}

/** Normalises what a user typed (`Alice@Example.com `) the same way `actorKey` files it. */
export function normalizeActorQuery(nameOrEmail: string): string {
  return nameOrEmail.trim().toLowerCase();
}
