import * as z from '../shared/zod';
import { ActorConfigSchema, defaultAutomationIamArns } from './actor-config';
import { ALWAYS_PROTECTED_NAMESPACE } from './rules/vocabulary';

/**
 * Detection settings around the rules: which namespaces are protected (kube-system always, plus this list
 * and the rules file's own list) and which identities are automation (see `ActorConfigSchema`).
 *
 * @example
 * DetectionConfigSchema.parse({ protectedNamespaces: ['vault', 'istio-system'] });
 */
export const DetectionConfigSchema = z.strictObject({
  protectedNamespaces: z._default(z.array(z.string().check(z.minLength(1))), []),
  actors: z._default(ActorConfigSchema, ActorConfigSchema.parse({})),
});
export type DetectionConfig = z.infer<typeof DetectionConfigSchema>;

/** kube-system, the configured namespaces and the rules file's, as one set. */
export function protectedNamespaceSet(
  config: Pick<DetectionConfig, 'protectedNamespaces'>,
  fromRules: readonly string[],
): ReadonlySet<string> {
  return new Set([ALWAYS_PROTECTED_NAMESPACE, ...config.protectedNamespaces, ...fromRules]);
}

/** The flat settings ingest and the CLI read from the environment (PROTECTED_NAMESPACES, AUTOMATION_*). */
export interface DetectionSettings {
  readonly protectedNamespaces?: readonly string[];
  readonly automationUsernames?: readonly string[];
  /** IAM role ARNs (globs) of pipelines; added to the built-in CI role patterns. */
  readonly automationRoleArns?: readonly string[];
}

/**
 * Builds a validated `DetectionConfig` from flat settings; throws a zod error naming the bad entry.
 *
 * @example
 * detectionConfigFrom({ protectedNamespaces: ['vault'], automationRoleArns: ['arn:aws:iam::*:role/deployer'] });
 */
export function detectionConfigFrom(settings: DetectionSettings): DetectionConfig {
  return DetectionConfigSchema.parse({
    protectedNamespaces: [...(settings.protectedNamespaces ?? [])],
    actors: {
      automation: {
        usernames: [...(settings.automationUsernames ?? [])],
        iamArns: [...defaultAutomationIamArns, ...(settings.automationRoleArns ?? [])],
        groups: [],
      },
    },
  });
}
