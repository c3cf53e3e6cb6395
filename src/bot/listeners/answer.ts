import { escapeMrkdwn } from '../../notify/slack/escape';
import { describeError, InputError } from '../../shared/errors';
import { failureReply } from '../replies';
import type { SlackAppServices } from '../services';

/** Sends a short ephemeral text to the person who clicked or submitted. */
export type Tell = (text: string) => Promise<unknown>;

/**
 * Runs a listener's work (after its `ack()`) and tells the person the result. Nothing escapes: a payload
 * that cannot be read, or a trail that is down, becomes a logged error and a clear reply instead of a
 * silent failure or a Bolt 500 (which Slack shows as a bare warning icon).
 *
 * @example
 * await answer(services, 'acknowledgement', tell, async () => slackReply(await triage.acknowledge(...), now));
 */
export async function answer(
  services: Pick<SlackAppServices, 'log'>,
  what: string,
  tell: Tell,
  work: () => Promise<string | undefined>,
): Promise<void> {
  let text: string | undefined;
  try {
    text = await work();
  } catch (error) {
    const code = error instanceof InputError ? 'bad_payload' : 'failed';
    services.log.error('slack interaction failed', { what, code, error: describeError(error) });
    text =
      error instanceof InputError
        ? `⚠️ eks-audit could not read that ${what} (${escapeMrkdwn(error.message, { singleLine: true })}). Nothing was recorded.`
        : failureReply(what);
  }
  if (text === undefined) return;
  try {
    await tell(text);
  } catch (error) {
    services.log.warn('slack reply not delivered', { what, error: describeError(error) });
  }
}
