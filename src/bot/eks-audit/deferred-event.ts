import type { SlackCommandReply } from '../../notify/slack/report/render-answer';
import { parseEksAuditCommand } from '../../report/command';
import { describeError } from '../../shared/errors';
import * as z from '../../shared/zod';
import { DeferredCommandSchema } from './deferral';
import { type EksAuditServices, eksAuditReply } from './run';

/** The key of the event a deferred command travels in (an asynchronous invocation of the Slack function). */
export const DEFERRED_COMMAND_KEY = 'eksAuditDeferredCommand';

/** `{ eksAuditDeferredCommand: DeferredCommand }`: what `LambdaSelfInvokeDeferral` sends. */
export const DeferredCommandEventSchema = z.object({ [DEFERRED_COMMAND_KEY]: DeferredCommandSchema });

/**
 * True for a deferred-command event (as opposed to an API Gateway request): the Slack function's handler
 * checks this first.
 *
 * @example
 * if (isDeferredCommandEvent(event)) return runDeferred(event);
 */
export function isDeferredCommandEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && DEFERRED_COMMAND_KEY in event;
}

/** Posts a reply to a `response_url` (`postToResponseUrl`). */
export type ResponseUrlPoster = (url: string, reply: SlackCommandReply) => Promise<void>;

/**
 * Runs deferred commands: answers the command and posts the answer to its `response_url`. A malformed event
 * is logged and dropped (no retry could fix it); a failed post is logged and thrown, so the invocation counts
 * as an error (the function's Errors alarm). The deployment sets no asynchronous retries for these
 * invocations (serverless.yml says why): a post that timed out may have arrived, and a retry would post the
 * report twice.
 *
 * @example
 * const runDeferred = createDeferredCommandHandler(services, postToResponseUrl);
 * await runDeferred({ eksAuditDeferredCommand: { text: 'report 30d', userId: 'U0BOB', responseUrl } });
 */
export function createDeferredCommandHandler(services: EksAuditServices, post: ResponseUrlPoster) {
  return async (event: unknown): Promise<{ readonly answered: boolean }> => {
    const parsed = DeferredCommandEventSchema.safeParse(event);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
      services.log.error('deferred eks-audit command dropped: malformed event', { fields });
      return { answered: false };
    }
    const job = parsed.data[DEFERRED_COMMAND_KEY];
    const started = services.clock().getTime();
    const reply = await eksAuditReply(parseEksAuditCommand(job.text), job, services);
    try {
      await post(job.responseUrl, reply);
    } catch (error) {
      services.log.error('deferred eks-audit answer not delivered', { error: describeError(error) });
      throw error;
    }
    services.log.info('deferred eks-audit command answered', { ms: services.clock().getTime() - started });
    return { answered: true };
  };
}
