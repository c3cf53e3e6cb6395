import { type App, SocketModeReceiver } from '@slack/bolt';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';
import { SlackCardPublisher } from '../adapters/slack/slack-card-publisher';
import { SlackDirectory } from '../adapters/slack/slack-directory';
import { createSlackWebClient } from '../adapters/slack/web-client';
import { createSlackApp } from '../bot/app';
import { boltLogger } from '../bot/bolt-logger';
import { createSlackHttpApp } from '../bot/http';
import type { NotifierDeps } from '../bot/notifier';
import { webClientLogger } from '../bot/notifier-setup';
import { triagePolicyFromEnv } from '../bot/policy-config';
import { buildSlackServices } from '../bot/services';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { AuditTrail } from '../triage/ports';
import type { MountedHandler } from './http-server';
import type { LocalSlackConfig } from './slack-config';

/** The bot, wired for a local run: the same Bolt app, services and notifier pieces as on Lambda. */
export interface LocalSlack {
  readonly mode: 'socket' | 'http';
  readonly app: App;
  /** What the notifier posts with (the `background` WebClient profile, as the notifier Lambda). */
  readonly notifier: Pick<NotifierDeps, 'publisher' | 'permalinks' | 'routing'>;
  /** HTTP mode: Bolt's request listener, to mount at `/slack/events` of the local server. */
  readonly mount?: MountedHandler;
  /** Socket Mode: opens the WebSocket to Slack (no public URL needed). HTTP mode: nothing to do. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What the Slack wiring needs besides its configuration. */
export interface LocalSlackDeps {
  readonly trail: AuditTrail;
  readonly clock: Clock;
  readonly log: Logger;
  /** Overrides the notifier client's retry policy (tests keep the backoff short). */
  readonly retryConfig?: RetryOptions;
}

/**
 * Builds the Slack side of the local pipeline from `createSlackApp` and `buildSlackServices`, exactly as the
 * Lambda does; only the receiver differs: `SocketModeReceiver` (Socket Mode, `SLACK_APP_TOKEN`) or Bolt's
 * `HTTPReceiver` mounted on the local server (`SLACK_SIGNING_SECRET`). `SLACK_API_URL` points every client
 * (ours, Bolt's, Socket Mode's `apps.connections.open`) at another Slack-compatible Web API.
 *
 * @example
 * const slack = buildLocalSlack(config, { trail, clock: systemClock, log });
 * await slack.start();
 */
export function buildLocalSlack(
  config: Exclude<LocalSlackConfig, { mode: 'terminal' }>,
  deps: LocalSlackDeps,
): LocalSlack {
  const { trail, clock, log } = deps;
  const clientOptions: WebClientOptions = config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {};
  const apiUrl = config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {};
  const interactive = createSlackWebClient({ token: config.botToken, profile: 'interactive', ...apiUrl });
  const background = createSlackWebClient({
    token: config.botToken,
    profile: 'background',
    logger: webClientLogger(log),
    ...apiUrl,
    ...(deps.retryConfig ? { retryConfig: deps.retryConfig } : {}),
  });
  const services = buildSlackServices({
    client: interactive,
    trail,
    policy: triagePolicyFromEnv(config.policy),
    clock,
    log,
    escalation: { channel: config.escalationChannel },
  });
  const notifier = {
    publisher: new SlackCardPublisher(background),
    permalinks: new SlackDirectory(background, { clock }),
    routing: config.routing,
  };
  if (config.mode === 'http') {
    const { app, receiver } = createSlackHttpApp({
      signingSecret: config.signingSecret,
      token: config.botToken,
      services,
      clientOptions,
    });
    return {
      mode: 'http',
      app,
      notifier,
      mount: receiver.requestListener,
      start: async () => {},
      stop: async () => {},
    };
  }
  const receiver = new SocketModeReceiver({
    appToken: config.appToken,
    logger: boltLogger(log),
    installerOptions: { clientOptions },
  });
  const app = createSlackApp({ receiver, token: config.botToken, services, clientOptions });
  return {
    mode: 'socket',
    app,
    notifier,
    start: async () => {
      await app.start();
    },
    stop: async () => {
      await app.stop();
    },
  };
}
