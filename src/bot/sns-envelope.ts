import * as z from '../shared/zod';

/**
 * The SNS side of a notifier invocation, read with zod at the edge. Only what the notifier uses is required;
 * everything else SNS sends (signature, attributes, unsubscribe URL) is ignored.
 */

/** An SNS-invoked Lambda event: `Records`, each one a notification (checked one by one, see below). */
export const SnsEventSchema = z.object({ Records: z.array(z.unknown()) });

/** The notification itself: `Sns` of a Lambda record (the same fields appear in an SQS redrive body). */
export const SnsNotificationSchema = z.object({
  MessageId: z.string().check(z.minLength(1)),
  Message: z.string(),
  TopicArn: z.optional(z.string()),
  Timestamp: z.optional(z.string()),
});
export type SnsNotification = z.infer<typeof SnsNotificationSchema>;

/** One record of the event: `{ EventSource: 'aws:sns', Sns: {...} }`. */
export const SnsRecordSchema = z.object({
  EventSource: z.optional(z.literal('aws:sns')),
  Sns: SnsNotificationSchema,
});

/** A record, or a bare notification (a message redriven by hand from the dead-letter queue). */
const RecordOrNotification = z.union([
  z.pipe(
    SnsRecordSchema,
    z.transform((record) => record.Sns),
  ),
  SnsNotificationSchema,
]);

/**
 * The notification in a record, or what is wrong with it (the paths of the bad fields, never their values).
 *
 * @example
 * readSnsNotification({ EventSource: 'aws:sns', Sns: { MessageId: 'm-1', Message: '{...}' } });
 * // { ok: true, notification: { MessageId: 'm-1', Message: '{...}' } }
 */
export function readSnsNotification(
  record: unknown,
): { ok: true; notification: SnsNotification } | { ok: false; problem: string; messageId?: string } {
  const parsed = RecordOrNotification.safeParse(record);
  if (parsed.success) return { ok: true, notification: parsed.data };
  const problem = parsed.error.issues.map((issue) => issue.path.join('.') || '(record)').join(', ');
  const messageId = messageIdOf(record);
  return { ok: false, problem: `not an SNS notification (${problem})`, ...(messageId ? { messageId } : {}) };
}

/** The message id of a malformed record, when there is one to log. */
function messageIdOf(record: unknown): string | undefined {
  const sns = (record as { Sns?: { MessageId?: unknown } } | undefined)?.Sns;
  return typeof sns?.MessageId === 'string' ? sns.MessageId : undefined;
}
