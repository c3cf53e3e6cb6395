import { compileFilterPattern } from '../../filter-pattern';
import {
  apiGroupsCheck,
  groupsCheck,
  namesCheck,
  namespacesCheck,
  outcomeCheck,
  requestUrisCheck,
  resourcesCheck,
  responseCodesCheck,
  usernamesCheck,
  verbsCheck,
} from './field-checks';
import { boundRoleName, hostPathVolume, privilegedContainer } from './pod-spec';
import type { RuleConditionBase, RuleSpec } from './schema';
import type { Check, CompiledRule, RuleSubject } from './types';

/**
 * Turns a validated rule into a matcher. The checks run cheapest first (Set lookups on normalised fields),
 * then request-body predicates, then the filter pattern, and stop at the first that fails: most events are
 * rejected by their verb or resource for the price of one Set lookup.
 *
 * Throws what `compileFilterPattern` throws for an invalid pattern; `loadRuleSet` names the rule and field.
 */
export function compileRule(spec: RuleSpec, position: number): CompiledRule {
  const checks = compileCondition(spec.condition, true);
  const not = spec.condition.not ? compileCondition(spec.condition.not, false) : undefined;
  return {
    id: spec.id,
    title: spec.title,
    severity: spec.severity,
    ...(spec.description !== undefined ? { description: spec.description.trim() } : {}),
    ...(spec.mitre ? { mitre: mitreOf(spec.mitre) } : {}),
    actors: new Set(spec.actors),
    includeDryRun: spec.includeDryRun,
    position,
    match(subject) {
      const reasons = runChecks(checks, subject);
      if (reasons === undefined) return undefined;
      if (not && allPass(not, subject)) return undefined;
      return reasons;
    },
  };
}

function mitreOf(mitre: NonNullable<RuleSpec['mitre']>): { id: string; name?: string } {
  return mitre.name === undefined ? { id: mitre.id } : { id: mitre.id, name: mitre.name };
}

function runChecks(checks: readonly Check[], subject: RuleSubject): string[] | undefined {
  for (const check of checks) if (!check.test(subject)) return undefined;
  return checks.map((check) => check.reason(subject));
}

/** True when every check passes; for `not`, whose reasons are never shown. */
function allPass(checks: readonly Check[], subject: RuleSubject): boolean {
  for (const check of checks) if (!check.test(subject)) return false;
  return true;
}

/** `withDefaultOutcome`: a rule's own condition takes allowed and denied unless it says otherwise. */
function compileCondition(c: RuleConditionBase, withDefaultOutcome: boolean): Check[] {
  const checks: Check[] = [];
  if (c.verbs) checks.push(verbsCheck(c.verbs));
  if (c.resources) checks.push(resourcesCheck(c.resources));
  if (c.apiGroups) checks.push(apiGroupsCheck(c.apiGroups));
  if (c.namespaces) checks.push(namespacesCheck(c.namespaces));
  if (c.names) checks.push(namesCheck(c.names));
  if (c.usernames) checks.push(usernamesCheck(c.usernames));
  if (c.groups) checks.push(groupsCheck(c.groups));
  if (c.requestUris) checks.push(requestUrisCheck(c.requestUris));
  if (c.responseCodes) checks.push(responseCodesCheck(c.responseCodes));
  if (c.outcome) checks.push(outcomeCheck(c.outcome));
  else if (withDefaultOutcome && !c.responseCodes) checks.push(outcomeCheck('any'));
  if (c.impersonation) checks.push(impersonationCheck);
  if (c.bindsRole) checks.push(bindsRoleCheck(c.bindsRole));
  if (c.privilegedPod) checks.push(bodyCheck(({ event }) => privilegedContainer(event.raw.requestObject)));
  if (c.hostPathPod) checks.push(bodyCheck(({ event }) => hostPathVolume(event.raw.requestObject)));
  if (c.pattern) checks.push(patternCheck(c.pattern));
  return checks;
}

/** A check whose finder returns its reason (or undefined); run twice only for a rule that matched. */
function bodyCheck(find: (subject: RuleSubject) => string | undefined): Check {
  return { test: (s) => find(s) !== undefined, reason: (s) => find(s) ?? '' };
}

const impersonationCheck: Check = {
  test: ({ event }) => event.impersonatedUser !== undefined,
  reason: ({ event }) => `request impersonated ${event.impersonatedUser?.username || '(groups only)'}`,
};

function bindsRoleCheck(roles: readonly string[]): Check {
  const set = new Set(roles);
  const bound = ({ event }: RuleSubject) => boundRoleName(event.raw.requestObject, event.raw.responseObject);
  return {
    test: (s) => {
      const role = bound(s);
      return role !== undefined && set.has(role);
    },
    reason: (s) => `binds role ${bound(s)}`,
  };
}

function patternCheck(text: string): Check {
  const pattern = compileFilterPattern(text);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return {
    test: ({ event, message }) => pattern.matchesParsed(message(), event.raw),
    reason: () => `matches filter pattern ${shown}`,
  };
}
