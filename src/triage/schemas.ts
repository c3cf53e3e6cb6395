import * as z from '../shared/zod';
import type { AlertResponse, PostedMessage, Responder } from './model';
import { responseActions } from './model';

/**
 * zod schemas for the triage model, for the edges that read it back (the DynamoDB items, button values).
 * Each one is checked against its interface in `model.ts` by the `satisfies` below, so the two cannot drift.
 */

/** Limits that keep an alert record small (DynamoDB items stop at 400 KB) and match Slack's inputs. */
export const triageLimits = {
  /** Slack's plain-text input allows at most 3,000 characters. */
  maxTextLength: 3000,
  maxTicketUrlLength: 2000,
  maxNameLength: 200,
  /** Justifications kept per alert; beyond this the store answers `too-many-responses`. */
  maxJustifications: 50,
  /** Posted cards remembered per alert (the card, the escalation post, a few re-posts). */
  maxMessages: 20,
} as const;

/** A `Responder` read back from storage or a button value. */
export const ResponderSchema = z.object({
  platform: z.enum(['slack', 'teams', 'cli']),
  userId: z.string().check(z.minLength(1)).check(z.maxLength(triageLimits.maxNameLength)),
  name: z.string().check(z.maxLength(triageLimits.maxNameLength)),
  email: z.exactOptional(z.string().check(z.maxLength(triageLimits.maxNameLength))),
});

const acceptedActions = ['acknowledge', 'justify', 'escalate'] as const;

/** An `AlertResponse`, with the length limits above. */
export const AlertResponseSchema = z.object({
  action: z.enum(responseActions),
  by: ResponderSchema,
  at: z.iso.datetime({ offset: true }),
  text: z.exactOptional(z.string().check(z.maxLength(triageLimits.maxTextLength))),
  ticketUrl: z.exactOptional(z.string().check(z.maxLength(triageLimits.maxTicketUrlLength))),
  attempted: z.exactOptional(z.enum(acceptedActions)),
});

/** A `PostedMessage`. */
export const PostedMessageSchema = z.object({
  platform: z.enum(['slack', 'teams', 'terminal']),
  channel: z.string().check(z.minLength(1)),
  messageId: z.string().check(z.minLength(1)),
  permalink: z.exactOptional(z.string()),
});

// Compile-time checks: each schema's output is assignable to its interface (a drift fails `tsc`).
type Assignable<A extends B, B> = A;
export type _ResponderCheck = Assignable<z.infer<typeof ResponderSchema>, Responder>;
export type _ResponseCheck = Assignable<z.infer<typeof AlertResponseSchema>, AlertResponse>;
export type _MessageCheck = Assignable<z.infer<typeof PostedMessageSchema>, PostedMessage>;
