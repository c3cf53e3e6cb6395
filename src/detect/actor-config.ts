import * as z from '../shared/zod';
import { compileGlobs } from './globs';

/*
 * Which identities are automation (or, by override, people). Service accounts, nodes, control-plane
 * components and eks:* identities are classified by built-in rules that this file cannot switch off, so a
 * config that lists one CI role never turns every service account into a "person".
 */

const GlobSchema = z
  .string()
  .check(z.minLength(1, 'a pattern cannot be empty'))
  .check(z.refine((glob) => !/^\*+$/.test(glob), 'a pattern of only `*` would match every identity'));

const globList = (fallback: readonly string[]) => z._default(z.array(GlobSchema), [...fallback]);

/** The CI role names we recognise out of the box; assumed through OIDC by a pipeline, never by a person. */
export const defaultAutomationIamArns = [
  'arn:aws:iam::*:role/github-actions-*',
  'arn:aws:iam::*:role/gitlab-ci-*',
  'arn:aws:iam::*:role/atlantis-*',
] as const;

/**
 * Actor classification settings. Patterns are globs where `*` matches any run of characters (including `/`
 * and `:`), compared case-sensitively with the whole value.
 *
 * @example
 * ActorConfigSchema.parse({
 *   automation: { iamArns: ['arn:aws:iam::*:role/deploy-pipeline'], usernames: ['ci-bot'] },
 *   human: { usernames: ['system:serviceaccount:ops:break-glass'] },
 * });
 */
export const ActorConfigSchema = z.strictObject({
  automation: z._default(
    z.strictObject({
      /** Kubernetes usernames of CI/CD and GitOps identities (service accounts are automation anyway). */
      usernames: globList([]),
      /**
       * IAM principals of pipelines: compared with user.extra.canonicalArn (`arn:aws:iam::<acct>:role/<name>`),
       * user.extra.arn, and an ARN username (EKS access entries). Assumed-role session ARNs are also compared
       * in their role form, so a role pattern covers every session of that role.
       */
      iamArns: globList(defaultAutomationIamArns),
      /** Kubernetes groups whose members are automation (e.g. a group mapped to the CI role in aws-auth). */
      groups: globList([]),
    }),
    { usernames: [], iamArns: [...defaultAutomationIamArns], groups: [] },
  ),
  /** Identities that are people even though a built-in or automation rule would say otherwise. */
  human: z._default(
    z.strictObject({
      usernames: globList([]),
      iamArns: globList([]),
    }),
    { usernames: [], iamArns: [] },
  ),
});
export type ActorConfig = z.infer<typeof ActorConfigSchema>;
export type ActorConfigInput = z.input<typeof ActorConfigSchema>;

/** The built-in defaults (`ActorConfigSchema.parse({})`). */
export const defaultActorConfig: ActorConfig = ActorConfigSchema.parse({});

/** A compiled glob list: returns the first pattern that matches any of the values, else undefined. */
export type PatternMatcher = (values: readonly (string | undefined)[]) => string | undefined;

/**
 * Compiles `*` globs once. Lists without `*` use a Set lookup.
 *
 * @example
 * compilePatterns(['system:serviceaccount:ci:*'])(['system:serviceaccount:ci:runner']); // 'system:serviceaccount:ci:*'
 */
export function compilePatterns(globs: readonly string[]): PatternMatcher {
  const match = compileGlobs(globs);
  return (values) => {
    for (const value of values) {
      if (value === undefined || value === '') continue;
      const hit = match(value);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
}

/** The config with every list compiled; cached per config object by `compiledActorConfig`. */
export interface CompiledActorConfig {
  readonly automationUsernames: PatternMatcher;
  readonly automationIamArns: PatternMatcher;
  readonly automationGroups: PatternMatcher;
  readonly humanUsernames: PatternMatcher;
  readonly humanIamArns: PatternMatcher;
}

const compiledCache = new WeakMap<ActorConfig, CompiledActorConfig>();

/** Compiles a config once; later calls with the same object reuse it (classification runs per event). */
export function compiledActorConfig(config: ActorConfig): CompiledActorConfig {
  const cached = compiledCache.get(config);
  if (cached) return cached;
  const compiled: CompiledActorConfig = {
    automationUsernames: compilePatterns(config.automation.usernames),
    automationIamArns: compilePatterns(config.automation.iamArns),
    automationGroups: compilePatterns(config.automation.groups),
    humanUsernames: compilePatterns(config.human.usernames),
    humanIamArns: compilePatterns(config.human.iamArns),
  };
  compiledCache.set(config, compiled);
  return compiled;
}
