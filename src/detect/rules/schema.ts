import { SeveritySchema } from '../../finding/severity';
import * as z from '../../shared/zod';
import { actorTypes, outcomes } from './vocabulary';

/**
 * The rules file, as a user writes it (YAML or JSON). Unknown keys are errors, so a typo such as `verb:` for
 * `verbs:` is reported instead of silently widening a rule.
 */

const nonEmptyStrings = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));

/** The fields of a condition that can also appear under `not:` (no nested `not`). */
const conditionFields = {
  /** A CloudWatch Logs filter pattern, evaluated on the audit event JSON exactly as CloudWatch would. */
  pattern: z.optional(z.string().check(z.minLength(1))),
  /** Kubernetes verbs; `change` means create/update/patch/delete/deletecollection, `read` get/list/watch. */
  verbs: z.optional(nonEmptyStrings),
  /** `secrets`, `pods/exec` (resource/subresource), `pods/*` (any subresource) or `*`. RBAC semantics. */
  resources: z.optional(nonEmptyStrings),
  /** API groups; `''` is the core group. */
  apiGroups: z.optional(z.array(z.string()).check(z.minLength(1))),
  /** Namespaces (`*` globs), `protected` for the configured list, `cluster-wide` for no namespace. */
  namespaces: z.optional(nonEmptyStrings),
  /** Object names (`*` globs). */
  names: z.optional(nonEmptyStrings),
  /** Kubernetes usernames (`*` globs), e.g. `system:anonymous`, `sre/*`. Actor classes are `actors`. */
  usernames: z.optional(nonEmptyStrings),
  /** Kubernetes groups (`*` globs); matches when the user is in any of them. */
  groups: z.optional(nonEmptyStrings),
  /** Request URIs (`*` globs), e.g. `/healthz*`. */
  requestUris: z.optional(nonEmptyStrings),
  /** Exact HTTP response codes. */
  responseCodes: z.optional(
    z.array(z.number().check(z.int()).check(z.gte(100)).check(z.lte(599))).check(z.minLength(1)),
  ),
  /** `allowed` (1xx-3xx), `denied` (401/403), `any` (both, and unknown). Default `any`. */
  outcome: z.optional(z.enum(outcomes)),
  /** The pod spec (of a pod or a workload's template) has a privileged container. Reads requestObject. */
  privilegedPod: z.optional(z.literal(true)),
  /** The pod spec mounts a hostPath volume. Reads requestObject. */
  hostPathPod: z.optional(z.literal(true)),
  /** A (Cluster)RoleBinding whose roleRef names one of these roles. Reads requestObject/responseObject. */
  bindsRole: z.optional(nonEmptyStrings),
  /** The request impersonated another identity (`kubectl --as`). */
  impersonation: z.optional(z.literal(true)),
};

/** A condition without `not`: what may appear under `not:`. */
export const RuleConditionBaseSchema = z.strictObject(conditionFields);

/** A rule's condition: every field given must match; `not` must not. At least one field besides `not`. */
export const RuleConditionSchema = z
  .strictObject({ ...conditionFields, not: z.optional(RuleConditionBaseSchema) })
  .check(
    z.refine((c) => Object.keys(c).some((k) => k !== 'not'), {
      // Only for an otherwise valid condition: an unknown key already says what is wrong.
      when: (payload) => payload.issues.length === 0,
      message:
        'a condition needs at least one field (pattern, verbs, resources, namespaces, outcome, ...) besides `not`',
    }),
  );
/** A validated condition. */
export type RuleCondition = z.infer<typeof RuleConditionSchema>;
/** A validated condition without `not`. */
export type RuleConditionBase = z.infer<typeof RuleConditionBaseSchema>;

/**
 * One rule of a rules file, validated on its own so an error names the rule.
 *
 * @example
 * RuleSpecSchema.parse({ id: 'exec', title: 'Exec', severity: 'medium', condition: { resources: ['pods/exec'] } });
 */
export const RuleSpecSchema = z.strictObject({
  id: z
    .string()
    .check(
      z.regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'expected a lower-case id of letters, digits and dashes, e.g. secret-read',
      ),
    ),
  title: z.string().check(z.minLength(1)),
  severity: SeveritySchema,
  description: z.optional(z.string()),
  condition: RuleConditionSchema,
  /** Actor classes the rule applies to (see `classifyActor`). Default: people only. */
  actors: z._default(z.array(z.enum(actorTypes)).check(z.minLength(1)), ['human']),
  /** Dry-run requests change nothing; rules ignore them unless this is true. */
  includeDryRun: z._default(z.boolean(), false),
  mitre: z.optional(
    z.strictObject({
      id: z
        .string()
        .check(
          z.regex(/^T\d{4}(\.\d{3})?$/, 'expected a MITRE ATT&CK technique id such as T1098 or T1098.006'),
        ),
      name: z.optional(z.string()),
    }),
  ),
  /** A rule can be switched off in a copy of the defaults without deleting it. */
  enabled: z._default(z.boolean(), true),
});
/** A validated rule, defaults applied (actors [human], includeDryRun false, enabled true). */
export type RuleSpec = z.infer<typeof RuleSpecSchema>;

/** The top level of a rules file; each entry of `rules` is then checked with `RuleSpecSchema`. */
export const RulesFileSchema = z.strictObject({
  version: z._default(z.literal(1), 1),
  /** Namespaces protected in addition to kube-system (and to the configured list). */
  protectedNamespaces: z._default(z.array(z.string().check(z.minLength(1))), []),
  rules: z.array(z.unknown()).check(z.minLength(1)),
});
/** A validated rules file before its rules are checked. */
export type RulesFile = z.infer<typeof RulesFileSchema>;
