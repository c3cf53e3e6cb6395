import { DEFAULT_RULES_FILE, readRuleSetFile } from '../../src/adapters/fs/rules-file';
import { type DetectionConfig, DetectionConfigSchema } from '../../src/detect/config';
import { type DetectInput, type DetectResult, detect } from '../../src/detect/detect';
import type { RuleSet } from '../../src/detect/rules/types';
import type { FindingContext } from '../../src/finding/build';
import { anInput, type RawOverrides } from './audit-builders';

/** The bundled default rules, read once per test file. */
export const defaultRules: RuleSet = readRuleSetFile(DEFAULT_RULES_FILE);

/** The context every detection test uses: cluster prod-eu, a pinned clock. */
export const testContext: FindingContext = {
  cluster: 'prod-eu',
  accountId: '111122223333',
  region: 'eu-west-1',
  logGroup: '/aws/eks/prod-eu/cluster',
  now: new Date('2026-11-20T14:01:09.000Z'),
};

export const defaultConfig: DetectionConfig = DetectionConfigSchema.parse({});

/** Runs the default rules on inputs. */
export function run(
  inputs: readonly DetectInput[],
  config: DetectionConfig = defaultConfig,
  rules = defaultRules,
): DetectResult {
  return detect(inputs, rules, config, testContext);
}

let counter = 0;

/** Runs the default rules on one event built from overrides, with a fresh audit ID. */
export function runOne(overrides: RawOverrides, config?: DetectionConfig): DetectResult {
  counter += 1;
  return run([anInput({ auditID: `test-audit-${counter}`, ...overrides })], config);
}

/** The rule ids of the finding for one event: its rule first, then alsoMatched; [] when no finding. */
export function rulesFiredBy(overrides: RawOverrides, config?: DetectionConfig): string[] {
  const [finding] = runOne(overrides, config).findings;
  return finding ? [finding.rule.id, ...finding.alsoMatched] : [];
}

/** The one skip reason for an event that produced no finding. */
export function skipReasonOf(overrides: RawOverrides, config?: DetectionConfig): string[] {
  return Object.keys(runOne(overrides, config).stats.skipped);
}
