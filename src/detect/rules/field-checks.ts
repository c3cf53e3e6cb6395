import { compileGlobs } from '../globs';
import type { Check } from './types';
import { CLUSTER_WIDE, changeVerbs, PROTECTED, readVerbs } from './vocabulary';

/**
 * Checks on the normalised fields of an event, one per condition field. Each is built once per rule; its
 * `test` costs a Set lookup or a comparison and allocates nothing, and its `reason` (words for the finding)
 * is only computed for a rule that matched.
 */

/** `verbs`: literal verbs, plus the keywords `change` and `read`. */
export function verbsCheck(verbs: readonly string[]): Check {
  const reasons = new Map<string, string>();
  for (const v of verbs) {
    if (v === 'change') for (const c of changeVerbs) reasons.set(c, `verb ${c} is a change`);
    else if (v === 'read') for (const r of readVerbs) reasons.set(r, `verb ${r} is a read`);
    else reasons.set(v, `verb is ${v}`);
  }
  return {
    test: ({ event }) => reasons.has(event.verb),
    reason: ({ event }) => reasons.get(event.verb) ?? `verb is ${event.verb}`,
  };
}

interface ResourceEntry {
  readonly resource: string;
  /** `undefined`: no subresource; `*`: any subresource. */
  readonly subresource: string | undefined;
}

function parseResource(text: string): ResourceEntry {
  const slash = text.indexOf('/');
  if (slash < 0) return { resource: text, subresource: undefined };
  return { resource: text.slice(0, slash), subresource: text.slice(slash + 1) };
}

function resourceMatches(e: ResourceEntry, resource: string, subresource: string | undefined): boolean {
  if (e.resource === '*' && e.subresource === undefined) return true;
  if (e.resource !== '*' && e.resource !== resource) return false;
  if (e.subresource === undefined) return subresource === undefined;
  return e.subresource === '*' ? subresource !== undefined : e.subresource === subresource;
}

/**
 * `resources`, with RBAC's meaning: `pods` is the pod itself (not `pods/exec`), `pods/exec` the subresource,
 * `pods/*` any subresource of pods, `*` anything.
 */
export function resourcesCheck(resources: readonly string[]): Check {
  const entries = resources.map(parseResource);
  return {
    test: ({ event: { resource, subresource } }) => {
      if (resource === undefined) return false;
      for (const e of entries) if (resourceMatches(e, resource, subresource)) return true;
      return false;
    },
    reason: ({ event }) =>
      `resource is ${event.subresource ? `${event.resource}/${event.subresource}` : event.resource}`,
  };
}

/** `apiGroups`: exact groups, `''` for the core group, `*` for any. */
export function apiGroupsCheck(groups: readonly string[]): Check {
  const set = new Set(groups);
  const any = set.has('*');
  return {
    test: ({ event }) => any || set.has(event.apiGroup ?? ''),
    reason: ({ event }) => `API group is ${event.apiGroup ? event.apiGroup : 'core'}`,
  };
}

/** `namespaces`: globs, `protected` (the configured list) and `cluster-wide` (a request with no namespace). */
export function namespacesCheck(namespaces: readonly string[]): Check {
  const wantProtected = namespaces.includes(PROTECTED);
  const wantClusterWide = namespaces.includes(CLUSTER_WIDE);
  const globs = compileGlobs(namespaces.filter((n) => n !== PROTECTED && n !== CLUSTER_WIDE));
  return {
    test: ({ event: { namespace }, protectedNamespaces }) => {
      if (!namespace) return wantClusterWide;
      return (wantProtected && protectedNamespaces.has(namespace)) || globs(namespace) !== undefined;
    },
    reason: ({ event: { namespace }, protectedNamespaces }) => {
      if (!namespace) return 'request is cluster-wide (all namespaces)';
      return wantProtected && protectedNamespaces.has(namespace)
        ? `namespace ${namespace} is protected`
        : `namespace is ${namespace}`;
    },
  };
}

/** `names`: globs on the object name. */
export function namesCheck(names: readonly string[]): Check {
  const globs = compileGlobs(names);
  return {
    test: ({ event }) => event.name !== undefined && globs(event.name) !== undefined,
    reason: ({ event }) => `name is ${event.name}`,
  };
}

/** `usernames`: globs on the Kubernetes username. */
export function usernamesCheck(usernames: readonly string[]): Check {
  const globs = compileGlobs(usernames);
  return {
    test: ({ event }) => globs(event.username) !== undefined,
    reason: ({ event }) => `username ${event.username} matches ${globs(event.username)}`,
  };
}

/** `groups`: globs on the user's groups; any group matching is enough. */
export function groupsCheck(groups: readonly string[]): Check {
  const globs = compileGlobs(groups);
  const first = (list: readonly string[]) => list.find((g) => globs(g) !== undefined);
  return {
    test: ({ event }) => first(event.groups) !== undefined,
    reason: ({ event }) => `member of group ${first(event.groups)}`,
  };
}

/** The request URI without its query string. */
function pathOf(uri: string): string {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
}

/** `requestUris`: globs on the request URI without its query string. */
export function requestUrisCheck(uris: readonly string[]): Check {
  const globs = compileGlobs(uris);
  return {
    test: ({ event }) => globs(pathOf(event.requestUri)) !== undefined,
    reason: ({ event }) =>
      `request URI ${pathOf(event.requestUri)} matches ${globs(pathOf(event.requestUri))}`,
  };
}

/** `responseCodes`: exact codes. */
export function responseCodesCheck(codes: readonly number[]): Check {
  const set = new Set(codes);
  return {
    test: ({ event }) => event.responseCode !== undefined && set.has(event.responseCode),
    reason: ({ event }) => `response code is ${event.responseCode}`,
  };
}

/**
 * `outcome`: `allowed`, `denied` or `any`. `any` (the default) takes allowed, denied and unknown (a request
 * logged before its response) but not other failures (404, 409, 5xx): they changed nothing and refused
 * nobody. A rule that wants those names them in `responseCodes`.
 */
export function outcomeCheck(outcome: 'allowed' | 'denied' | 'any'): Check {
  return {
    test: ({ outcome: actual }) =>
      actual === 'allowed'
        ? outcome !== 'denied'
        : actual === 'denied'
          ? outcome !== 'allowed'
          : actual === 'unknown' && outcome === 'any',
    reason: ({ outcome: actual, event }) => {
      if (actual === 'unknown') return 'response not logged yet (stage without a response)';
      return `request was ${actual} (${event.responseCode})`;
    },
  };
}
