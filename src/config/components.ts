import { RoutingSchema } from '../notify/routing';
import * as z from '../shared/zod';
import { CommonEnv } from './common-env';
import { csvList, jsonValue } from './env';

/**
 * The environment of the notifier and Slack functions (the ingest function's is in ingest-env.ts, so its bundle
 * builds only its own schema), validated at cold start. Secrets are never here: only the names
 * of the SSM parameters that hold them.
 */

const positiveInt = (fallback: number) =>
  z._default(z.coerce.number().check(z.int()).check(z.positive()), fallback);

/** Settings shared by the notifier and the Slack function: the trail and the Slack secrets' names. */
const BotCommonEnv = {
  ...CommonEnv,
  TABLE_NAME: z.string().check(z.minLength(3)),
  SLACK_BOT_TOKEN_PARAM: z.string().check(z.startsWith('/', 'must be an SSM parameter name starting with /')),
  SLACK_SIGNING_SECRET_PARAM: z
    .string()
    .check(z.startsWith('/', 'must be an SSM parameter name starting with /')),
  RETENTION_DAYS: positiveInt(400),
};

/** The notifier function: SNS finding -> stored alert -> card. */
export const NotifierEnvSchema = z.object({
  ...BotCommonEnv,
  /** JSON: `{"defaultChannel":"C0123","routes":[{"cluster":"prod-eu","minSeverity":"high","channel":"C0456"}]}` */
  ROUTING: jsonValue(RoutingSchema),
  SLACK_DEFAULT_CHANNEL: z.optional(z.string().check(z.minLength(1))),
  /** The Teams conversation for cards when `ROUTING` names none (`19:…@thread.tacv2`, which the bot announces). */
  TEAMS_DEFAULT_CONVERSATION: z.optional(z.string().check(z.minLength(1))),
});
export type NotifierEnv = z.infer<typeof NotifierEnvSchema>;

/** The Slack function: buttons, modals and `/eks-audit` through API Gateway. */
export const SlackEnvSchema = z.object({
  ...BotCommonEnv,
  ESCALATION_TOPIC_ARN: z.optional(z.string().check(z.startsWith('arn:aws', 'must be an SNS topic ARN'))),
  ESCALATION_CHANNEL: z.optional(z.string().check(z.minLength(1))),
  /** Slack user ids / user group ids allowed to acknowledge (empty: anyone in the channel). */
  ACK_ALLOWED: csvList,
  /** Slack user ids / user group ids allowed to escalate (empty: anyone in the channel). */
  ESCALATE_ALLOWED: csvList,
});
export type SlackEnv = z.infer<typeof SlackEnvSchema>;
