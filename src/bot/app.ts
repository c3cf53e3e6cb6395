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
  /** For Bolt's own WebClient (views.open, ephemeral replies): the same profile as the services' client. */
  readonly clientOptions?: WebClientOptions;
  readonly services: SlackAppServices;
}

/**
 * Builds the Bolt app with every listener registered. Signature checks are the receiver's (every receiver
 * given here verifies `x-slack-signature` with the signing secret and refuses requests older than five
 * minutes).
 *
 * @example
 * const receiver = new AwsLambdaReceiver({ signingSecret });
 * createSlackApp({ receiver, token, services });
 * export const handler = receiver.toHandler();
 */
export function createSlackApp(options: SlackAppOptions): App {
  const { services } = options;
  const app = new App({
    receiver: options.receiver,
    token: options.token,
    logger: boltLogger(services.log),
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  registerListeners(app, services);
  app.error(async (error) => {
    services.log.error('bolt listener error', { error: describeError(error) });
  });
  return app;
}
