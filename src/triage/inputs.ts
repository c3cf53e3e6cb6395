import { InputError } from '../shared/errors';
import * as z from '../shared/zod';
import { triageLimits } from './schemas';

/**
 * What a person types with a response, checked the same way on every platform: the Slack modals and the
 * Teams card inputs parse with these schemas at the edge (to show the error next to the field), and the
 * triage service parses again, so nothing unchecked ever reaches the trail.
 */

const reason = (what: string) =>
  z
    .string(`${what} is required`)
    .check(z.trim())
    .check(z.minLength(1, `${what} is required`))
    .check(
      z.maxLength(
        triageLimits.maxTextLength,
        `${what} must be at most ${triageLimits.maxTextLength} characters`,
      ),
    );

/** An optional link to a ticket or change request: http or https only, so it can never run or redirect oddly. */
export const TicketUrlSchema = z
  .string()
  .check(z.trim())
  .check(
    z.maxLength(
      triageLimits.maxTicketUrlLength,
      `the link must be at most ${triageLimits.maxTicketUrlLength} characters`,
    ),
  )
  .check(
    z.refine(
      isHttpUrl,
      'the link must be an http:// or https:// address, e.g. https://jira.example.com/browse/OPS-123',
    ),
  );

/** A justification: why the change was made, and optionally where it was agreed. */
export const JustificationSchema = z.object({
  reason: reason('a reason'),
  /** Empty is the same as absent: an emptied input field. */
  ticketUrl: z.pipe(
    z.transform((value) => (value === '' || value === null ? undefined : value)),
    z.optional(TicketUrlSchema),
  ),
});
export type Justification = z.infer<typeof JustificationSchema>;

/** An escalation: why this needs someone else's attention. */
export const EscalationReasonSchema = z.object({ reason: reason('a reason') });
export type EscalationReason = z.infer<typeof EscalationReasonSchema>;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Parses with `schema` or throws an `InputError` naming the field: for callers that validated already at the
 * edge, where a failure here is a bug, not a typo.
 *
 * @example
 * parseOrThrow(JustificationSchema, { reason: '  ' }, 'justification');
 * // throws InputError: 'justification: reason: a reason is required'
 */
export function parseOrThrow<T extends z.ZodMiniType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`,
  );
  throw new InputError(`${what}: ${problems.join('; ')}`);
}
