import { resolve } from 'node:path';
import { readRuleSetFile, readRulesText } from '../adapters/fs/rules-file';
import { RulesFileError } from '../detect/rules/errors';
import { packRuleSet } from '../detect/rules/load';
import { compilePackedRuleSet, type PackedRuleSet } from '../detect/rules/packed';
import type { RuleSet } from '../detect/rules/types';
import { ConfigError } from '../shared/errors';
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
  return asConfigError(() => packRuleSet(readRulesText(resolve(cwd, rulesFile), rulesFile), rulesFile));
}

/**
 * The rule set ingest runs outside Lambda (`npm start`, the CLI, tests): the file RULES_FILE names, checked by
 * the same code that packs it for the bundle (`loadRuleSet` and `packRuleSet` share it) and compiled once, else
 * the default rule set.
 *
 * @throws ConfigError naming RULES_FILE and every problem in the file (rule and field).
 * @example
 * loadIngestRuleSet(undefined, process.cwd()).source; // 'rules/default-rules.yaml (built in)'
 */
export function loadIngestRuleSet(rulesFile: string | undefined, cwd: string): RuleSet {
  if (rulesFile === undefined) return compilePackedRuleSet(DEFAULT_RULES, DEFAULT_RULES_SOURCE);
  return asConfigError(() => readRuleSetFile(resolve(cwd, rulesFile), rulesFile));
}

/** Runs `load`, turning a RulesFileError into the ConfigError that names RULES_FILE. */
function asConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof RulesFileError)) throw error;
    throw new ConfigError(`RULES_FILE: invalid rules file\n${error.message}`, { cause: error });
  }
}
