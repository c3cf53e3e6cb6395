import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RulesFileError } from '../detect/rules/errors';
import { packRuleSet } from '../detect/rules/load';
import { compilePackedRuleSet, type PackedRuleSet } from '../detect/rules/packed';
import type { RuleSet } from '../detect/rules/types';
import { ConfigError, describeError } from '../shared/errors';
import { DEFAULT_RULES_SOURCE } from './bundled-rules';
import { DEFAULT_RULES } from './default-rules';

/**
 * Reads, validates and packs the rules file RULES_FILE names (resolved against `cwd`), as packaging does for
 * the ingest bundle (deploy/check-rules-file.ts): the YAML parser and the rules schema run here, never in the
 * deployed function.
 *
 * @throws ConfigError naming RULES_FILE and every problem in the file (rule and field).
 * @example
 * packIngestRulesFile('rules/team.yaml', process.cwd()).rules.length;
 */
export function packIngestRulesFile(rulesFile: string, cwd: string): PackedRuleSet {
  try {
    return packRuleSet(readRulesText(resolve(cwd, rulesFile), rulesFile), rulesFile);
  } catch (error) {
    if (!(error instanceof RulesFileError)) throw error;
    throw new ConfigError(`RULES_FILE: invalid rules file\n${error.message}`, { cause: error });
  }
}

/**
 * The rule set ingest runs outside Lambda (`npm start`, the CLI, tests): the file RULES_FILE names, packed and
 * compiled exactly as packaging and the deployed function do, else the default rule set.
 *
 * @throws ConfigError naming RULES_FILE and every problem in the file (rule and field).
 * @example
 * loadIngestRuleSet(undefined, process.cwd()).source; // 'rules/default-rules.yaml (built in)'
 */
export function loadIngestRuleSet(rulesFile: string | undefined, cwd: string): RuleSet {
  if (rulesFile === undefined) return compilePackedRuleSet(DEFAULT_RULES, DEFAULT_RULES_SOURCE);
  return compilePackedRuleSet(packIngestRulesFile(rulesFile, cwd), rulesFile);
}

function readRulesText(path: string, shownAs: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesFileError([`${shownAs}: cannot read the rules file: ${describeError(error)}`]);
  }
}
