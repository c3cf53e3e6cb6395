import * as z from '../shared/zod';
import { actorEmails } from './actor';
import type { Alert, Responder } from './model';

/**
 * Who may do what to an alert. Configured once at start; `decide` answers each click.
 *
 * An allow-list entry is a Slack user id (`U…`/`W…`), a Slack user group id (`S…`), or `<platform>:<user id>`
 * for the other front ends (e.g. `cli:alice` for the terminal). An empty list means anyone in the channel.
 */
const PrincipalSchema = z
  .string()
  .check(z.trim())
  .check(
    z.regex(
      /^([UWS][A-Z0-9]{2,}|(slack|teams|cli):.+)$/,
      'expected a Slack user id (U…/W…), a Slack user group id (S…), or <platform>:<user id>',
    ),
  );

/** The triage policy as configured (parse with this schema at start; errors name the bad entry). */
export const TriagePolicySchema = z.object({
  /** Who may acknowledge: user ids or user group ids; empty (default) = anyone. */
  acknowledge: z._default(z.array(PrincipalSchema), []),
  /** Who may escalate: user ids or user group ids; empty (default) = anyone. */
  escalate: z._default(z.array(PrincipalSchema), []),
  /** The person who made the change cannot acknowledge it (they can still justify it). Default on. */
  separationOfDuties: z._default(z.boolean(), true),
});
/** The validated policy configuration. */
export type TriagePolicyConfig = z.infer<typeof TriagePolicySchema>;

/** What a person asks to do. Justify is open to anyone, the actor included: explaining is always welcome. */
export type TriageAction = 'acknowledge' | 'justify' | 'escalate';

/** Facts about the responder that the front end looked up (Slack: `usergroups.users.list`, cached). */
export interface DecisionContext {
  /** The user group ids (`S…`) the responder belongs to. */
  readonly responderGroups: readonly string[];
}

/** The answer to a click: allowed, or refused with a reason a person can read. */
export type Decision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** `own-change`: separation of duties; `not-permitted`: not on the allow-list. */
      readonly code: 'own-change' | 'not-permitted';
      readonly reason: string;
    };

/** A configured policy, ready to answer. */
export interface TriagePolicy {
  readonly config: TriagePolicyConfig;
  decide(action: TriageAction, alert: Alert, responder: Responder, context: DecisionContext): Decision;
}

/**
 * Builds the policy from its (already validated) configuration.
 *
 * @example
 * const policy = createTriagePolicy(TriagePolicySchema.parse({ acknowledge: ['S0SRE'] }));
 * policy.decide('acknowledge', alert, bob, { responderGroups: ['S0SRE'] }); // { allowed: true }
 */
export function createTriagePolicy(config: TriagePolicyConfig): TriagePolicy {
  return {
    config,
    decide: (action, alert, responder, context) => decide(config, action, alert, responder, context),
  };
}

/**
 * Decides whether `responder` may take `action` on `alert`. Store conditions (already acknowledged, already
 * escalated) are not policy: the audit trail reports those.
 *
 * @example
 * decide(config, 'acknowledge', alertOfAlicesChange, alice, { responderGroups: [] });
 * // { allowed: false, code: 'own-change', reason: 'You made this change (alice@example.com), ...' }
 */
export function decide(
  config: TriagePolicyConfig,
  action: TriageAction,
  alert: Alert,
  responder: Responder,
  context: DecisionContext,
): Decision {
  if (action === 'justify') return { allowed: true };
  if (action === 'acknowledge' && config.separationOfDuties) {
    const own = ownChangeEmail(alert, responder);
    if (own !== undefined) {
      return {
        allowed: false,
        code: 'own-change',
        reason: `You made this change (${own}), so someone else must acknowledge it. You can justify it instead.`,
      };
    }
  }
  const allowList = config[action];
  if (allowList.length === 0 || isListed(allowList, responder, context)) return { allowed: true };
  return { allowed: false, code: 'not-permitted', reason: notPermittedReason(action, allowList) };
}

/** The actor's e-mail when it is the responder's (case-insensitive), else undefined. */
function ownChangeEmail(alert: Alert, responder: Responder): string | undefined {
  // Without the responder's e-mail there is nothing to match on; the front end is expected to look it up.
  const email = responder.email?.trim().toLowerCase();
  if (!email) return undefined;
  return actorEmails(alert.finding.actor).find((candidate) => candidate === email);
}

function isListed(allowList: readonly string[], responder: Responder, context: DecisionContext): boolean {
  const names = new Set([`${responder.platform}:${responder.userId}`]);
  if (responder.platform === 'slack') {
    names.add(responder.userId);
    for (const group of context.responderGroups) names.add(group);
  }
  return allowList.some((entry) => names.has(entry));
}

function notPermittedReason(action: Exclude<TriageAction, 'justify'>, allowList: readonly string[]): string {
  const groups = allowList.filter((entry) => entry.startsWith('S')).length;
  const people = allowList.length - groups;
  const parts = [plural(people, 'person', 'people'), plural(groups, 'user group', 'user groups')].filter(
    (part) => part !== undefined,
  );
  const verb = action === 'acknowledge' ? 'acknowledge' : 'escalate';
  return `Only ${parts.join(' and ')} named in the triage policy may ${verb} alerts, and you are not one of them.`;
}

function plural(count: number, one: string, many: string): string | undefined {
  if (count === 0) return undefined;
  return count === 1 ? `1 ${one}` : `${count} ${many}`;
}
