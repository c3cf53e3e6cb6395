import * as z from '../shared/zod';
import { SeveritySchema } from './severity';
import { FINDING_SCHEMA_VERSION } from './version';

/**
 * The finding: the versioned JSON message that ingest publishes to SNS and every subscriber (the notifier,
 * e-mail, SQS, PagerDuty) reads. Its JSON Schema is generated from this file into `schema/finding.v1.json`.
 *
 * Compatibility promise: within schema version 1, fields are only ever added, never removed or retyped.
 */

// Re-exported for readers of this module. Code on the ingest path imports them from their own small modules, so
// the ingest bundle never constructs the finding's schemas (it builds findings with typed code).
export { type Severity, SeveritySchema, severities, severityRank } from './severity';
export { FINDING_SCHEMA_VERSION } from './version';

export const ActorTypeSchema = z.enum(['human', 'automation', 'system', 'anonymous']);
export type ActorType = z.infer<typeof ActorTypeSchema>;

export const FindingActorSchema = z.object({
  type: ActorTypeSchema,
  displayName: z
    .string()
    .check(
      z.describe(
        'The person as a human reads it: an e-mail or IAM Identity Center user, an IAM user, or the username.',
      ),
    ),
  username: z.string().check(z.describe('The Kubernetes username (e.g. `kubernetes-admin`, `sre/alice`).')),
  groups: z.array(z.string()),
  iamArn: z
    .optional(z.string())
    .check(z.describe('The IAM principal behind the request (user.extra.canonicalArn, else arn).')),
  sessionName: z
    .optional(z.string())
    .check(z.describe('The role session name, when the principal is an assumed role.')),
  email: z
    .optional(z.string())
    .check(
      z.describe(
        'An e-mail address, when one could be derived from the identity (Identity Center session names).',
      ),
    ),
  classification: z
    .string()
    .check(
      z.describe(
        'Why the actor was classified so, e.g. `username matches automation pattern "system:serviceaccount:*"`.',
      ),
    ),
});
export type FindingActor = z.infer<typeof FindingActorSchema>;

export const FindingActionSchema = z.object({
  verb: z.string(),
  resource: z.optional(z.string()),
  subresource: z.optional(z.string()),
  apiGroup: z.optional(z.string()),
  namespace: z.optional(z.string()),
  name: z.optional(z.string()),
  requestUri: z.string(),
  dryRun: z.boolean(),
  impersonatedUser: z.optional(z.string()).check(z.describe('The identity the actor impersonated, if any.')),
});
export type FindingAction = z.infer<typeof FindingActionSchema>;

export const FindingWhereSchema = z.object({
  cluster: z
    .string()
    .check(
      z.describe('The cluster name, taken from the log group `/aws/eks/<cluster>/cluster` or configured.'),
    ),
  accountId: z.optional(z.string()),
  accountName: z.optional(z.string()),
  region: z.optional(z.string()),
  logGroup: z.optional(z.string()),
  logStream: z.optional(z.string()),
});
export type FindingWhere = z.infer<typeof FindingWhereSchema>;

export const FindingRuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  description: z.optional(z.string()),
  mitre: z.optional(z.object({ id: z.string(), name: z.optional(z.string()) })),
});
export type FindingRule = z.infer<typeof FindingRuleSchema>;

/**
 * The finding as ingest builds and publishes it. Strict at the top level: an unknown key (say a Secret's `data`
 * copied in by mistake) is rejected rather than published. Nested objects strip unknown keys.
 */
export const FindingSchema = z.strictObject({
  schemaVersion: z.literal(FINDING_SCHEMA_VERSION),
  id: z
    .string()
    .check(z.minLength(1))
    .check(
      z.describe(
        'Stable: the same audit event on the same cluster always gives the same id (idempotency key).',
      ),
    ),
  fingerprint: z
    .string()
    .check(z.minLength(1))
    .check(z.describe('Groups similar findings: same rule, actor, verb and object, whatever the audit id.')),
  severity: SeveritySchema,
  summary: z
    .string()
    .check(z.describe('One line: `alice@example.com deleted secret kube-system/db-creds on prod-eu`.')),
  outcome: z
    .enum(['allowed', 'denied', 'unknown'])
    .check(
      z.describe(
        '`allowed` for a change that happened, `denied` for an attempt the API server refused (403 and others).',
      ),
    ),
  responseCode: z.optional(z.number().check(z.int())),
  auditId: z.string(),
  stage: z.string(),
  time: z.string().check(z.describe('When the request happened (ISO 8601).')),
  detectedAt: z.string().check(z.describe('When ingest made this finding (ISO 8601).')),
  actor: FindingActorSchema,
  action: FindingActionSchema,
  where: FindingWhereSchema,
  source: z.object({ ips: z.array(z.string()), userAgent: z.optional(z.string()) }),
  rule: FindingRuleSchema,
  alsoMatched: z
    .array(z.string())
    .check(
      z.describe('Other rules that matched the same event, by id; the finding carries the most severe one.'),
    ),
  reasons: z
    .array(z.string())
    .check(
      z.describe(
        'Human-readable reasons the rule matched, e.g. `verb is delete`, `namespace kube-system is protected`.',
      ),
    ),
  links: z.object({ logsInsights: z.optional(z.string()) }),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * The tolerant reader for findings received from SNS or read back from storage: the same fields, but unknown
 * top-level keys are dropped instead of rejected, because a newer ingest may add fields within version 1.
 *
 * @example
 * const finding = FindingMessageSchema.parse(JSON.parse(snsRecord.Sns.Message));
 */
export const FindingMessageSchema = z.object(FindingSchema.shape);
