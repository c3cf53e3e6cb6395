import type { IngestEnv } from '../config/ingest-env';
import { type DetectionConfig, detectionConfigFrom } from '../detect/config';
import { ConfigError } from '../shared/errors';
import type * as z from '../shared/zod';
import type { IngestSettings } from './context';

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
