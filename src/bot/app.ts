import { App, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { describeError } from '../shared/errors';
import { boltLogger } from './bolt-logger';
import { registerListeners } from './listeners';
import type { SlackAppServices } from './services';

/** What the Bolt app is made of; only the receiver changes between Lambda, plain HTTP and Socket Mode. */
export interface SlackAppOptions {
  /** `AwsLambdaReceiver` on Lambda, `HTTPReceiver` locally, `SocketModeReceiver` for Socket Mode. */
  readonly receiver: Receiver;
  /** The bot token (xoxb-…). */
  readonly token: string;
  /** For Bolt's own WebClient (unused by our listeners, which call `services.client`): e.g. `slackApiUrl`. */
  readonly clientOptions?: WebClientOptions;
  readonly services: SlackAppServices;
}

/**
 * Builds the Bolt app with every listener registered. Signature checks are the receiver's: the HTTP and
 * Lambda receivers verify `x-slack-signature` with the signing secret and refuse requests older than five
 * minutes (401), before any listener runs.
 *
 * @example
 * const receiver = new AwsLambdaReceiver({ signingSecret });
 * createSlackApp({ receiver, token, services });
 * export const handler = receiver.toHandler();
 */
export function createSlackApp(options: SlackAppOptions): App {
  const { services } = options;
  const botToken = options.token;
  const app = new App({
    receiver: options.receiver,
    // A fixed authorization instead of `token`: Bolt would otherwise call auth.test before the first
    // listener runs, a Slack round trip on every cold start. The bot id it would learn only serves
    // `ignoreSelf`, which matters for events, and this app handles none (only actions, views, commands).
    authorize: async () => ({ botToken }),
    ignoreSelf: false,
    logger: boltLogger(services.log),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  registerListeners(app, services);
  app.error(async (error) => {
    services.log.error('bolt listener error', { error: describeError(error) });
  });
  return app;
}
