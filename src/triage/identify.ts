import { actorEmails } from './actor';
import type { Alert, Responder } from './model';
import type { TriageRefused } from './outcome';
import type { TriageAction, TriagePolicy } from './policy';
import type { ResponderDirectory } from './service-ports';

/** The responder as the trail will record them, and whether the policy lets them act. */
export type Verdict =
  | { readonly allowed: true; readonly responder: Responder }
  | {
      readonly allowed: false;
      readonly responder: Responder;
      readonly code: TriageRefused['code'];
      readonly reason: string;
    };

const lookupFailed =
  'eks-audit could not look you up just now, so it cannot check that this change is not yours. Try again in a moment, or justify it instead.';
const groupsFailed =
  'eks-audit could not check your user groups just now, so it cannot tell whether you may do this. Try again in a moment.';

/**
 * Finds out who clicked (name and e-mail from the platform directory) and applies the policy.
 *
 * Separation of duties needs the responder's e-mail. When the directory has none for them, the actor's
 * e-mail addresses are looked up instead: if one belongs to the responder, it is their change. When neither
 * lookup can be made (the platform is down), an acknowledgement is refused rather than risk the author
 * acknowledging their own change: fail closed. Justify is never refused.
 *
 * @example
 * await identify('acknowledge', alertOfAlicesChange, { platform: 'slack', userId: 'U0ALICE', name: 'alice' },
 *   { policy, people });
 * // { allowed: false, code: 'own-change', reason: 'You made this change (alice@example.com), ...', responder }
 */
export async function identify(
  action: TriageAction,
  alert: Alert,
  given: Responder,
  deps: { readonly policy: TriagePolicy; readonly people: ResponderDirectory },
): Promise<Verdict> {
  // Without the directory's answer the click still counts, under the name the platform sent.
  let responder = await deps.people.describe(given).catch(() => given);
  if (action === 'acknowledge' && deps.policy.config.separationOfDuties && responder.email === undefined) {
    const matched = await emailByActor(alert, responder, deps.people);
    if (matched === 'failed') return refused(responder, 'identity-unknown', lookupFailed);
    if (matched !== undefined) responder = { ...responder, email: matched };
  }
  const groups = await responderGroups(action, responder, deps);
  if (groups === 'failed') return refused(responder, 'identity-unknown', groupsFailed);
  const decision = deps.policy.decide(action, alert, responder, { responderGroups: groups });
  if (decision.allowed) return { allowed: true, responder };
  return refused(responder, decision.code, decision.reason);
}

/** The actor's e-mail when the platform says it is the responder's; `failed` when it could not be asked. */
async function emailByActor(
  alert: Alert,
  responder: Responder,
  people: ResponderDirectory,
): Promise<string | undefined | 'failed'> {
  for (const email of actorEmails(alert.finding.actor)) {
    try {
      if ((await people.userIdByEmail(email)) === responder.userId) return email;
    } catch {
      return 'failed';
    }
  }
  return undefined;
}

/** The allow-listed user groups the responder is in; only asked when the list has groups and not them. */
async function responderGroups(
  action: TriageAction,
  responder: Responder,
  deps: { readonly policy: TriagePolicy; readonly people: ResponderDirectory },
): Promise<readonly string[] | 'failed'> {
  if (action === 'justify' || responder.platform !== 'slack') return [];
  const allowList = deps.policy.config[action];
  if (allowList.includes(responder.userId)) return [];
  const groups = allowList.filter((entry) => /^S[A-Z0-9]+$/.test(entry));
  if (groups.length === 0) return [];
  return deps.people.groupsOf(responder, groups).catch(() => 'failed' as const);
}

function refused(responder: Responder, code: TriageRefused['code'], reason: string): Verdict {
  return { allowed: false, responder, code, reason };
}
