import { compileRule } from './compile';
import type { RuleSpec } from './schema';
import type { RuleSet } from './types';

/** Names the shape below; a bundle whose packed rules carry another value was built by another version. */
export const PACKED_RULES_FORMAT = 'eks-audit-bot/packed-rules@1';

/**
 * A rules file validated ahead of time, as the ingest Lambda bundle carries it: each enabled rule exactly as the
 * rules schema returned it (defaults applied), with its position in the file. Compiling it takes neither the
 * YAML parser nor the rules schema, which is why the bundle holds this rather than the file: the packaging
 * step (`packRuleSet`, run by deploy/check-rules-file.ts) has already reported every problem the file had.
 */
export interface PackedRuleSet {
  readonly format: typeof PACKED_RULES_FORMAT;
  /** The rules file it was packed from, as the `rulesFile` parameter names it, e.g. `rules/team.yaml`. */
  readonly file: string;
  readonly protectedNamespaces: readonly string[];
  /** Enabled rules only, in file order; `position` is the rule's 1-based place in the file, for messages. */
  readonly rules: readonly { readonly position: number; readonly spec: RuleSpec }[];
}

/**
 * Compiles a packed rule set into matchers: no validation (that happened when it was packed), so only what
 * running the rules needs is in the bundle.
 *
 * @throws Error when `packed` is not a packed rule set of this format (a bundle built by another version).
 * @example
 * compilePackedRuleSet(DEFAULT_RULES, 'rules/default-rules.yaml (built in)').rules.length; // 18
 */
export function compilePackedRuleSet(packed: PackedRuleSet, source: string): RuleSet {
  if (packed.format !== PACKED_RULES_FORMAT) {
    throw new Error(
      `${source}: packed rules of format ${String(packed.format)}, expected ${PACKED_RULES_FORMAT}`,
    );
  }
  return {
    source,
    rules: packed.rules.map(({ position, spec }) => compileRule(spec, position)),
    protectedNamespaces: packed.protectedNamespaces,
  };
}
