import type { DecodedInput } from '../audit/decode';
import { parseEnv } from '../config/env';
import { IngestEnvSchema } from '../config/ingest-env';
import type { DetectionConfig } from '../detect/config';
import type { RuleSet } from '../detect/rules/types';
import type { IngestSettings } from '../ingest/context';
import { loadIngestRuleSet } from '../ingest/rules-file';
import { ingestDetectionConfig, ingestSettings } from '../ingest/setup';
import { LOCAL_FINDINGS_TOPIC_ARN } from './sns-record';

/** The sample's story happens on this cluster and account (see samples/README.md). */
export const SAMPLE_SETTINGS: IngestSettings = { clusterName: 'prod-eu', accountId: '111122223333' };
/** The cluster findings name when neither `--cluster`/CLUSTER_NAME nor the input says. */
export const LOCAL_CLUSTER = 'local';

/** The ingest configuration of a local run: what the ingest Lambda would build from the same settings. */
export interface LocalIngestSetup {
  readonly ruleSet: RuleSet;
  readonly detection: DetectionConfig;
  readonly settings: IngestSettings;
}

/**
 * Reads the ingest settings (RULES_FILE, PROTECTED_NAMESPACES, AUTOMATION_USERNAMES, AUTOMATION_ROLE_ARNS,
 * ACCOUNT_ID, ...) with the ingest Lambda's own schema and setup functions, so a setting means the same
 * locally and on AWS and a mistake is reported in the same words. The topic is the local one.
 *
 * @throws ConfigError naming the setting.
 * @example
 * const { ruleSet } = localIngestSetup(process.env, process.cwd());
 * ruleSet.source; // 'rules/default-rules.yaml (built in)'
 */
export function localIngestSetup(env: NodeJS.ProcessEnv, cwd: string): LocalIngestSetup {
  const parsed = parseEnv(
    IngestEnvSchema,
    { ...env, FINDINGS_TOPIC_ARN: LOCAL_FINDINGS_TOPIC_ARN },
    'ingest',
  );
  return {
    ruleSet: loadIngestRuleSet(parsed.RULES_FILE, cwd),
    detection: ingestDetectionConfig(parsed),
    settings: ingestSettings(parsed),
  };
}

/** Where a batch of events came from; the sample names its own cluster. */
export type InputSource = 'sample' | 'file' | 'webhook';

/**
 * The deployment facts of one batch: the sample's own (prod-eu), else `--cluster`/CLUSTER_NAME, else the
 * cluster of the input's CloudWatch log group, else `local`.
 *
 * @example
 * localIngestSettings('webhook', decoded, setup, undefined).clusterName; // 'local'
 */
export function localIngestSettings(
  source: InputSource,
  input: DecodedInput,
  setup: LocalIngestSetup,
  cluster: string | undefined,
): IngestSettings {
  if (source === 'sample') return { ...setup.settings, ...SAMPLE_SETTINGS };
  const clusterName = cluster ?? setup.settings.clusterName ?? input.origins[0]?.cluster ?? LOCAL_CLUSTER;
  return { ...setup.settings, clusterName };
}
