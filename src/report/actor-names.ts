import { isEmailLike, normalizeActorQuery } from '../triage/actor';

/**
 * The names to look a person up under. The trail files an actor under one key (the e-mail when the finding
 * has one, else the display name), so `alice` would not find `alice@example.com`. People type either form, so
 * both are tried:
 *
 * - an e-mail (`alice@example.com`): the e-mail, and its local part as a name (`alice`: an IAM user or an
 *   aws-auth username of the same person, in accounts without IAM Identity Center);
 * - a name (`alice`, `@alice`): the name, and `name@domain` for each domain given (the command layer passes
 *   the e-mail domain of the person asking, so colleagues are found by their short name);
 * - extra e-mails the chat platform resolved (a Slack mention `<@U123>` resolves to that user's e-mail).
 *
 * Keys are lower-cased and trimmed as the trail files them, without repeats, the typed form first.
 *
 * @example
 * actorNameCandidates('Alice', { domains: ['example.com'] }); // ['alice', 'alice@example.com']
 * actorNameCandidates('alice@example.com'); // ['alice@example.com', 'alice']
 */
export function actorNameCandidates(
  typed: string,
  options: { readonly domains?: readonly string[]; readonly emails?: readonly string[] } = {},
): string[] {
  const name = normalizeActorQuery(typed).replace(/^@/, '');
  const candidates: string[] = [];
  for (const email of options.emails ?? []) candidates.push(email);
  if (name !== '') candidates.push(name);
  if (isEmailLike(name)) {
    candidates.push(name.slice(0, name.indexOf('@')));
  } else if (name !== '' && !name.includes(' ') && !name.includes('@')) {
    for (const domain of options.domains ?? []) candidates.push(`${name}@${domain}`);
  }
  const keys = candidates.map(normalizeActorQuery).filter((key) => key !== '');
  return [...new Set(keys)];
}

/**
 * The domain of an e-mail address, lower case, or undefined.
 *
 * @example
 * emailDomain('Bob@Example.com'); // 'example.com'
 */
export function emailDomain(email: string | undefined): string | undefined {
  if (!email || !isEmailLike(email)) return undefined;
  return normalizeActorQuery(email.slice(email.lastIndexOf('@') + 1));
}
