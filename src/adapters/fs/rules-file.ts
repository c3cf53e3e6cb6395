import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RulesFileError } from '../../detect/rules/errors';
import { loadRuleSet } from '../../detect/rules/load';
import type { RuleSet } from '../../detect/rules/types';
import { describeError } from '../../shared/errors';

/** The default rule set shipped with the project: `rules/default-rules.yaml` at the repository root. */
export const DEFAULT_RULES_FILE = fileURLToPath(
  new URL('../../../rules/default-rules.yaml', import.meta.url),
);

/**
 * Reads and compiles a rules file; `shownAs` is the name used in messages (the path the user typed).
 *
 * @throws RulesFileError when the file cannot be read or is invalid (every problem, with rule and field).
 * @example
 * const ruleSet = readRuleSetFile(process.env.RULES_FILE ?? DEFAULT_RULES_FILE);
 */
export function readRuleSetFile(path: string = DEFAULT_RULES_FILE, shownAs: string = path): RuleSet {
  return loadRuleSet(readRulesText(path, shownAs), shownAs);
}

/**
 * A rules file's text; `shownAs` is the name used in messages.
 *
 * @throws RulesFileError naming `shownAs` when the file cannot be read.
 */
export function readRulesText(path: string, shownAs: string = path): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesFileError([`${shownAs}: cannot read the rules file: ${describeError(error)}`]);
  }
}
