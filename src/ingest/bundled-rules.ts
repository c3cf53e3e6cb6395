import { normalize } from 'node:path';
import { compilePackedRuleSet, type PackedRuleSet } from '../detect/rules/packed';
import type { RuleSet } from '../detect/rules/types';
import { ConfigError } from '../shared/errors';

/**
 * The default rules file as packed rule sets name it (relative to the repository), which every ingest bundle
 * carries unless packaged with another (scripts/embed-default-rules.ts packs it under this name).
 */
export const DEFAULT_RULES_PATH = 'rules/default-rules.yaml';
/** How the default rule set is named in messages and logs when no RULES_FILE is set. */
export const DEFAULT_RULES_SOURCE = `${DEFAULT_RULES_PATH} (built in)`;

/**
 * The deployed ingest function's rule set: the one packed into its bundle when the service was packaged
 * (src/ingest/packaged-rules.ts, which deploy/packed-rules.cjs fills with the `rulesFile` parameter's file).
 * The function reads no rules file. RULES_FILE, which the template sets to that same `rulesFile`, must name
 * the packed file: a RULES_FILE edited after deployment would otherwise be ignored without a word.
 *
 * @throws ConfigError naming RULES_FILE when it names another file than the one packed.
 * @example
 * bundledRuleSet(PACKAGED_RULES, process.env.RULES_FILE).source; // 'rules/default-rules.yaml (built in)'
 */
export function bundledRuleSet(packed: PackedRuleSet, rulesFile: string | undefined): RuleSet {
  if (rulesFile === undefined) {
    const source = packed.file === DEFAULT_RULES_PATH ? DEFAULT_RULES_SOURCE : `${packed.file} (packaged)`;
    return compilePackedRuleSet(packed, source);
  }
  if (normalize(rulesFile) !== normalize(packed.file)) {
    throw new ConfigError(
      `RULES_FILE: ${rulesFile} is not the rules file this function was packaged with (${packed.file}). ` +
        'Rules are built into the ingest bundle when the service is packaged: set the rulesFile parameter and deploy.',
    );
  }
  return compilePackedRuleSet(packed, rulesFile);
}
