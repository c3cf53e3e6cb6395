import { SlackCardPublisher } from '../adapters/slack/slack-card-publisher';
import { createSlackWebClient } from '../adapters/slack/web-client';
import { webClientLogger } from '../bot/notifier-setup';
import type { Logger } from '../shared/logger';

/** What the Teams function needs to update Slack cards. */
export interface SlackPublisherSetup {
  /** The Slack bot token (from SSM: `SLACK_BOT_TOKEN_PARAM`). Never logged. */
  readonly botToken: string;
  /** Another Slack-compatible Web API (`SLACK_API_URL`: local runs, tests). */
  readonly slackApiUrl?: string | undefined;
  readonly log: Logger;
}

/**
 * The Teams function's Slack card publisher. Its WebClient has the `interactive` profile, as in the Slack
 * function: a person is waiting for the Teams card, so a 5xx gets one quick retry, a 429 is not waited out
 * and each attempt times out after 2.5 s. Loaded on first use (`slackCardsOnFirstUse`), so a cold start of the
 * Teams function does not load the Slack Web API client.
 *
 * @example
 * const slack = createSlackCardPublisher({ botToken, slackApiUrl: env.SLACK_API_URL, log });
 * await slack.update(acknowledgedAlert, { platform: 'slack', channel: 'C0ALERTS', messageId: '1763647201.000001' });
 */
export function createSlackCardPublisher(setup: SlackPublisherSetup): SlackCardPublisher {
  const client = createSlackWebClient({
    token: setup.botToken,
    profile: 'interactive',
    logger: webClientLogger(setup.log),
    ...(setup.slackApiUrl ? { slackApiUrl: setup.slackApiUrl } : {}),
  });
  return new SlackCardPublisher(client);
}
