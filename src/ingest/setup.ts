import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IngestEnv } from '../config/ingest-env';
import { type DetectionConfig, detectionConfigFrom } from '../detect/config';
import { RulesFileError } from '../detect/rules/errors';
import { compileRuleSet, loadRuleSet } from '../detect/rules/load';
import type { RuleSet } from '../detect/rules/types';
import { ConfigError, describeError } from '../shared/errors';
import type * as z from '../shared/zod';
import type { IngestSettings } from './context';
import { DEFAULT_RULES_JSON, DEFAULT_RULES_YAML } from './default-rules-text';

/** How the embedded default rule set is named in messages and logs. */
export const DEFAULT_RULES_SOURCE = 'rules/default-rules.yaml (built in)';

/**
 * The rule set ingest runs: the file RULES_FILE names (resolved against `cwd`, the function's directory
 * `/var/task` on Lambda), else the default rule set embedded in the bundle. The default set is compiled from
 * its pre-parsed form, also when RULES_FILE names a file identical to it (as the deployment does by default):
 * the YAML parser would be the slowest step of a cold start.
 *
 * @throws ConfigError naming RULES_FILE and every problem in the file (rule and field).
 * @example
 * loadIngestRuleSet(env.RULES_FILE, process.cwd()).rules.length; // 18 for the default set
 */
export function loadIngestRuleSet(rulesFile: string | undefined, cwd: string): RuleSet {
  try {
    if (rulesFile === undefined) return compileRuleSet(JSON.parse(DEFAULT_RULES_JSON), DEFAULT_RULES_SOURCE);
    const text = readRulesText(resolve(cwd, rulesFile), rulesFile);
    return text === DEFAULT_RULES_YAML
      ? compileRuleSet(JSON.parse(DEFAULT_RULES_JSON), rulesFile)
      : loadRuleSet(text, rulesFile);
  } catch (error) {
    if (!(error instanceof RulesFileError)) throw error;
    throw new ConfigError(`RULES_FILE: invalid rules file\n${error.message}`, { cause: error });
  }
}

function readRulesText(path: string, shownAs: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesFileError([`${shownAs}: cannot read the rules file: ${describeError(error)}`]);
  }
}

/** The env settings behind each part of `DetectionConfig`, so an error names what the operator set. */
const settingOf: Readonly<Record<string, string>> = {
  protectedNamespaces: 'PROTECTED_NAMESPACES',
  'actors.automation.usernames': 'AUTOMATION_USERNAMES',
  'actors.automation.iamArns': 'AUTOMATION_ROLE_ARNS',
};

/**
 * Protected namespaces and automation identities from the environment.
 *
 * @throws ConfigError naming the setting (e.g. `AUTOMATION_ROLE_ARNS: a pattern of only * would match ...`).
 */
export function ingestDetectionConfig(env: IngestEnv): DetectionConfig {
  try {
    return detectionConfigFrom({
      protectedNamespaces: env.PROTECTED_NAMESPACES,
      automationUsernames: env.AUTOMATION_USERNAMES,
      automationRoleArns: env.AUTOMATION_ROLE_ARNS,
    });
  } catch (error) {
    const issues = (error as z.core.$ZodError).issues;
    if (!Array.isArray(issues)) throw error;
    const lines = issues.map((issue) => {
      const path = issue.path.filter((p) => typeof p === 'string').join('.');
      return `  ${settingOf[path] ?? path}: ${issue.message}`;
    });
    throw new ConfigError(`invalid ingest configuration:\n${lines.join('\n')}`, { cause: error });
  }
}

/** The deployment's facts for findings. */
export function ingestSettings(env: IngestEnv): IngestSettings {
  return {
    clusterName: env.CLUSTER_NAME,
    accountId: env.ACCOUNT_ID,
    accountName: env.ACCOUNT_NAME,
    region: env.AWS_REGION,
  };
}
