import type { SlackCommandReply } from '../../notify/slack/report/render-answer';
import { SlackApiError } from './slack-api-error';

/**
 * Posts a reply to a slash command's `response_url` (JSON, as Slack documents), outside Bolt: for commands
 * answered by another invocation than the one Slack called. Slack answers 404 once the URL has expired (30
 * minutes) or been used 5 times.
 *
 * @throws SlackApiError (`method: 'response_url'`), retryable for 429 and 5xx.
 * @example
 * await postToResponseUrl(job.responseUrl, reply);
 */
export async function postToResponseUrl(
  url: string,
  reply: SlackCommandReply,
  timeoutMs = 5000,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(reply),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SlackApiError('response_url', 'request_failed', true, { cause: error });
  }
  await response.body?.cancel();
  if (!response.ok) {
    const status = response.status;
    throw new SlackApiError('response_url', `http_${status}`, status === 429 || status >= 500);
  }
}
