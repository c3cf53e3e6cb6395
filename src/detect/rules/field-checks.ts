import { compileGlobs } from './globs';
import type { Check } from './types';
import { CLUSTER_WIDE, changeVerbs, PROTECTED, readVerbs } from './vocabulary';

/**
 * Checks on the normalised fields of an event, one per condition field. Each is built once per rule and
 * costs a Set lookup or a comparison per event.
 */

/** `verbs`: literal verbs, plus the keywords `change` and `read`. */
export function verbsCheck(verbs: readonly string[]): Check {
  const kind = new Map<string, string>();
  for (const v of verbs) {
    if (v === 'change') for (const c of changeVerbs) kind.set(c, 'a change');
    else if (v === 'read') for (const r of readVerbs) kind.set(r, 'a read');
    else kind.set(v, '');
  }
  return ({ event }) => {
    const k = kind.get(event.verb);
    if (k === undefined) return undefined;
    return k ? `verb ${event.verb} is ${k}` : `verb is ${event.verb}`;
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
  return ({ event }) => {
    const { resource, subresource } = event;
    if (resource === undefined) return undefined;
    const shown = subresource ? `${resource}/${subresource}` : resource;
    for (const e of entries) if (resourceMatches(e, resource, subresource)) return `resource is ${shown}`;
    return undefined;
  };
}

/** `apiGroups`: exact groups, `''` for the core group, `*` for any. */
export function apiGroupsCheck(groups: readonly string[]): Check {
  const set = new Set(groups);
  const any = set.has('*');
  return ({ event }) => {
    const group = event.apiGroup ?? '';
    if (!any && !set.has(group)) return undefined;
    return `API group is ${group === '' ? 'core' : group}`;
  };
}

/** `namespaces`: globs, `protected` (the configured list) and `cluster-wide` (a request with no namespace). */
export function namespacesCheck(namespaces: readonly string[]): Check {
  const wantProtected = namespaces.includes(PROTECTED);
  const wantClusterWide = namespaces.includes(CLUSTER_WIDE);
  const globs = compileGlobs(namespaces.filter((n) => n !== PROTECTED && n !== CLUSTER_WIDE));
  return ({ event, protectedNamespaces }) => {
    const ns = event.namespace;
    if (ns === undefined || ns === '')
      return wantClusterWide ? 'request is cluster-wide (all namespaces)' : undefined;
    if (wantProtected && protectedNamespaces.has(ns)) return `namespace ${ns} is protected`;
    return globs(ns) !== undefined ? `namespace is ${ns}` : undefined;
  };
}

/** `names`: globs on the object name. */
export function namesCheck(names: readonly string[]): Check {
  const globs = compileGlobs(names);
  return ({ event }) =>
    event.name !== undefined && globs(event.name) !== undefined ? `name is ${event.name}` : undefined;
}

/** `usernames`: globs on the Kubernetes username. */
export function usernamesCheck(usernames: readonly string[]): Check {
  const globs = compileGlobs(usernames);
  return ({ event }) => {
    const hit = globs(event.username);
    return hit === undefined ? undefined : `username ${event.username} matches ${hit}`;
  };
}

/** `groups`: globs on the user's groups; any group matching is enough. */
export function groupsCheck(groups: readonly string[]): Check {
  const globs = compileGlobs(groups);
  return ({ event }) => {
    for (const group of event.groups) if (globs(group) !== undefined) return `member of group ${group}`;
    return undefined;
  };
}

/** `requestUris`: globs on the request URI without its query string. */
export function requestUrisCheck(uris: readonly string[]): Check {
  const globs = compileGlobs(uris);
  return ({ event }) => {
    const q = event.requestUri.indexOf('?');
    const path = q < 0 ? event.requestUri : event.requestUri.slice(0, q);
    const hit = globs(path);
    return hit === undefined ? undefined : `request URI ${path} matches ${hit}`;
  };
}

/** `responseCodes`: exact codes. */
export function responseCodesCheck(codes: readonly number[]): Check {
  const set = new Set(codes);
  return ({ event }) =>
    event.responseCode !== undefined && set.has(event.responseCode)
      ? `response code is ${event.responseCode}`
      : undefined;
}

/**
 * `outcome`: `allowed`, `denied` or `any`. `any` (the default) takes allowed, denied and unknown (a request
 * logged before its response) but not other failures (404, 409, 5xx): they changed nothing and refused
 * nobody. A rule that wants those names them in `responseCodes`.
 */
export function outcomeCheck(outcome: 'allowed' | 'denied' | 'any'): Check {
  return ({ outcome: actual, event }) => {
    const code = event.responseCode === undefined ? '' : ` (${event.responseCode})`;
    if (actual === 'allowed' && outcome !== 'denied') return `request was allowed${code}`;
    if (actual === 'denied' && outcome !== 'allowed') return `request was denied${code}`;
    if (actual === 'unknown' && outcome === 'any')
      return 'response not logged yet (stage without a response)';
    return undefined;
  };
}
