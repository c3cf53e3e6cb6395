import * as z from '../../shared/zod';

/**
 * A command handed over to run after Slack got its acknowledgement: what is needed to answer it, and where
 * (`response_url`, valid for 30 minutes and up to 5 posts). Serialisable, so it can travel in an asynchronous
 * Lambda invocation.
 */
export const DeferredCommandSchema = z.object({
  /** The text after `/eks-audit`. */
  text: z.string().check(z.maxLength(4000)),
  /** The Slack user who asked (their e-mail domain helps `user <name>`). */
  userId: z.string().check(z.minLength(1)).check(z.maxLength(64)),
  /** The workspace's domain, for links to cards (`https://<domain>.slack.com/archives/...`). */
  teamDomain: z.optional(z.string().check(z.maxLength(255))),
  responseUrl: z.url({ protocol: /^https?$/ }),
});
export type DeferredCommand = z.infer<typeof DeferredCommandSchema>;

/**
 * Where a slow command goes once acknowledged. On Lambda the response to Slack is only sent when the
 * listener returns (`AwsLambdaReceiver` waits for it), so work done after `ack()` in the same invocation
 * would still hold the acknowledgement back: `LambdaSelfInvokeDeferral` hands it to an asynchronous
 * invocation of the same function instead. A long-lived HTTP server answers Slack at `ack()` already, and
 * needs no deferral (the listener just carries on).
 */
export interface CommandDeferral {
  /** For logs: `lambda-self-invoke`. */
  readonly name: string;
  /** Hands the command over; resolves once it is handed over (not when it is answered). */
  defer(command: DeferredCommand): Promise<void>;
}
