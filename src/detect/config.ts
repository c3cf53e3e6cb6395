import { z } from 'zod';
import { ActorConfigSchema } from './actor-config';
import { ALWAYS_PROTECTED_NAMESPACE } from './rules/vocabulary';

/**
 * Detection settings around the rules: which namespaces are protected (kube-system always, plus this list
 * and the rules file's own list) and which identities are automation (see `ActorConfigSchema`).
 *
 * @example
 * DetectionConfigSchema.parse({ protectedNamespaces: ['vault', 'istio-system'] });
 */
export const DetectionConfigSchema = z.strictObject({
  protectedNamespaces: z.array(z.string().min(1)).default([]),
  actors: ActorConfigSchema.default(ActorConfigSchema.parse({})),
});
export type DetectionConfig = z.infer<typeof DetectionConfigSchema>;

/** kube-system, the configured namespaces and the rules file's, as one set. */
export function protectedNamespaceSet(
  config: Pick<DetectionConfig, 'protectedNamespaces'>,
  fromRules: readonly string[],
): ReadonlySet<string> {
  return new Set([ALWAYS_PROTECTED_NAMESPACE, ...config.protectedNamespaces, ...fromRules]);
}
