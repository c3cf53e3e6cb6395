import * as z from '../shared/zod';
import { CommonEnv } from './common-env';
import { csvList } from './env';

/** The ingest function: CloudWatch Logs -> findings -> SNS. */
export const IngestEnvSchema = z.object({
  ...CommonEnv,
  FINDINGS_TOPIC_ARN: z.string().check(z.startsWith('arn:aws', 'must be an SNS topic ARN')),
  /** Overrides the cluster name derived from the log group `/aws/eks/<cluster>/cluster`. */
  CLUSTER_NAME: z.optional(z.string().check(z.minLength(1))),
  ACCOUNT_ID: z.optional(z.string().check(z.regex(/^\d{12}$/, 'must be a 12-digit AWS account id'))),
  ACCOUNT_NAME: z.optional(z.string().check(z.minLength(1))),
  /** A rules file inside the bundle; the default rule set when unset. */
  RULES_FILE: z.optional(z.string().check(z.minLength(1))),
  PROTECTED_NAMESPACES: csvList,
  AUTOMATION_USERNAMES: csvList,
  AUTOMATION_ROLE_ARNS: csvList,
});
export type IngestEnv = z.infer<typeof IngestEnvSchema>;
