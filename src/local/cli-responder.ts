import { InputError } from '../shared/errors';
import { isEmailLike } from '../triage/actor';
import type { Responder } from '../triage/model';

/**
 * The person at the terminal, as the trail records them: `cli:<OS user>`, named by their e-mail when given
 * (`--as` over `EKS_AUDIT_USER_EMAIL`). The e-mail is what separation of duties matches against the actor of
 * a change, so alice@example.com cannot acknowledge her own change from the terminal either.
 *
 * Locally nobody signs in: the e-mail is what the person says. The local trail records it as given, with the
 * OS user next to it.
 *
 * @throws InputError when the e-mail does not look like one.
 * @example
 * terminalResponder({ osUser: 'bob', asEmail: 'bob@example.com' });
 * // { platform: 'cli', userId: 'bob', name: 'bob@example.com', email: 'bob@example.com' }
 */
export function terminalResponder(options: {
  readonly osUser: string;
  readonly asEmail?: string | undefined;
}): Responder {
  const email = options.asEmail?.trim();
  if (email !== undefined && email !== '' && !isEmailLike(email)) {
    throw new InputError(
      `--as / EKS_AUDIT_USER_EMAIL: expected an e-mail address, got ${JSON.stringify(email)}`,
    );
  }
  const userId = options.osUser.trim() || 'unknown';
  return email
    ? { platform: 'cli', userId, name: email, email: email.toLowerCase() }
    : { platform: 'cli', userId, name: userId };
}
