/** Words the rules file and the detector share. */

/** Actor classes a rule can apply to (`actors:`), as `classifyActor` names them. */
export const actorTypes = ['human', 'automation', 'system', 'anonymous'] as const;

/** Values of a condition's `outcome`. */
export const outcomes = ['allowed', 'denied', 'any'] as const;

/** Verbs that change state; `change` in a rule's `verbs` stands for all of them. */
export const changeVerbs: readonly string[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** Verbs that only read; `read` in a rule's `verbs` stands for all of them. */
export const readVerbs: readonly string[] = ['get', 'list', 'watch'];

/** `namespaces` keyword: the protected namespaces (kube-system, configured, rules file). */
export const PROTECTED = 'protected';
/** `namespaces` keyword: a request without a namespace (cluster-scoped, or across all namespaces). */
export const CLUSTER_WIDE = 'cluster-wide';

/** The namespace every cluster protects, whatever the configuration says. */
export const ALWAYS_PROTECTED_NAMESPACE = 'kube-system';

/** How a response code reads to a person: allowed, denied (401/403), failed (other 4xx/5xx), unknown. */
export type RequestOutcome = 'allowed' | 'denied' | 'failed' | 'unknown';

/**
 * Classifies a response code. Codes below 400 (including 101 for exec upgrades) mean the request went
 * through; 401 and 403 are refusals; anything else is a failure that changed nothing.
 *
 * @example
 * outcomeOf(403) // 'denied'
 */
export function outcomeOf(code: number | undefined): RequestOutcome {
  if (code === undefined) return 'unknown';
  if (code < 400) return 'allowed';
  if (code === 401 || code === 403) return 'denied';
  return 'failed';
}
