import { type Logger, type RetryOptions, WebClient } from '@slack/web-api';

/**
 * How a WebClient should behave, by who uses it:
 *
 * - `background` (the notifier Lambda, fed by SNS): no person is waiting, so it honours Slack's 429
 *   `Retry-After` (the WebClient pauses its queue for that long, then retries) and retries 5xx and network
 *   errors 3 times with backoff (0.5 s, 1 s, 2 s, capped at 4 s). When it still fails, the error is thrown,
 *   the notifier rethrows it and SNS redelivers: no finding is lost. Give the Lambda a timeout that covers
 *   one Retry-After plus the backoff (30 s is ample).
 * - `interactive` (Bolt listeners, which must answer Slack within 3 s): one quick retry of 5xx, and 429s are
 *   NOT waited out (`rejectRateLimitedCalls`): the call fails at once with `ratelimited` and `retryAfter`, so
 *   the listener can tell the person to try again instead of blowing Slack's deadline.
 */
export type SlackClientProfile = 'background' | 'interactive';

const profiles: Readonly<
  Record<SlackClientProfile, { retryConfig: RetryOptions; rejectRateLimitedCalls: boolean; timeout: number }>
> = {
  background: {
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000, randomize: false },
    rejectRateLimitedCalls: false,
    timeout: 10_000,
  },
  interactive: {
    retryConfig: { retries: 1, factor: 2, minTimeout: 100, maxTimeout: 200, randomize: false },
    rejectRateLimitedCalls: true,
    timeout: 2_500,
  },
};

/** What the composition root knows (from validated configuration). */
export interface SlackWebClientOptions {
  readonly token: string;
  readonly profile: SlackClientProfile;
  /** Default Slack's own; tests and the local server point it at a stand-in (`http://127.0.0.1:PORT/api/`). */
  readonly slackApiUrl?: string;
  readonly logger?: Logger;
  /** Overrides the profile's retry policy (tests use it to keep backoff short). */
  readonly retryConfig?: RetryOptions;
}

/**
 * Builds the one configured WebClient an entry point hands to the Slack adapters.
 *
 * @example
 * const client = createSlackWebClient({ token: secrets.slackBotToken, profile: 'background' });
 * const publisher = new SlackCardPublisher(client);
 */
export function createSlackWebClient(options: SlackWebClientOptions): WebClient {
  const profile = profiles[options.profile];
  return new WebClient(options.token, {
    retryConfig: options.retryConfig ?? profile.retryConfig,
    rejectRateLimitedCalls: profile.rejectRateLimitedCalls,
    timeout: profile.timeout,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
