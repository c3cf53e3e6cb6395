import { compileRule } from './compile';
import { RuleSpecSchema } from './schema';
import type { RuleSet } from './types';
import { actorTypes } from './vocabulary';

/** The id of the rule `ruleSetFromPattern` makes. */
export const AD_HOC_RULE_ID = 'ad-hoc-pattern';

/**
 * A rule set of one rule: the given CloudWatch filter pattern, for every actor class and dry-runs included,
 * so it shows exactly what a subscription filter with that pattern would let through.
 *
 * @throws FilterPatternError for an invalid pattern (with its column).
 * @example
 * ruleSetFromPattern('{ $.verb = "delete" }').rules[0]?.id; // 'ad-hoc-pattern'
 */
export function ruleSetFromPattern(
  pattern: string,
  severity: 'info' | 'low' | 'medium' | 'high' = 'medium',
): RuleSet {
  const spec = RuleSpecSchema.parse({
    id: AD_HOC_RULE_ID,
    title: 'Matches the given filter pattern',
    severity,
    condition: { pattern, outcome: 'any' },
    actors: [...actorTypes],
    includeDryRun: true,
  });
  return { source: '--pattern', rules: [compileRule(spec, 1)], protectedNamespaces: [] };
}
