import type { AddressInfo } from 'node:net';
import { type App, HTTPReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { createSlackApp } from './app';
import { boltLogger } from './bolt-logger';
import type { SlackAppServices } from './services';

/** The same Slack app as on Lambda, served over plain HTTP (local runs, a tunnel, a container). */
export interface SlackHttpOptions {
  readonly signingSecret: string;
  readonly token: string;
  readonly services: SlackAppServices;
  /** For Bolt's own WebClient, e.g. `slackApiUrl` of a local stand-in. */
  readonly clientOptions?: WebClientOptions;
  /** Where Slack posts; default `/slack/events`, as on API Gateway. */
  readonly path?: string;
  /**
   * Answer Slack only after the listener finished (as on Lambda). Default false: a long-lived server acks at
   * once and keeps working, as Slack prefers.
   */
  readonly processBeforeResponse?: boolean;
}

/** The app and its receiver; `receiver.requestListener` can be mounted in another Node HTTP server. */
export interface SlackHttpApp {
  readonly app: App;
  readonly receiver: HTTPReceiver;
}

/**
 * Builds the Bolt app on an `HTTPReceiver` (signature and age checked on every request, like on Lambda).
 *
 * @example
 * const { receiver } = createSlackHttpApp({ signingSecret, token, services });
 * createServer(receiver.requestListener).listen(3000);
 */
export function createSlackHttpApp(options: SlackHttpOptions): SlackHttpApp {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: options.path ?? '/slack/events',
    processBeforeResponse: options.processBeforeResponse ?? false,
    logger: boltLogger(options.services.log),
  });
  const app = createSlackApp({
    receiver,
    token: options.token,
    services: options.services,
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  return { app, receiver };
}

/** A running local Slack endpoint. */
export interface SlackHttpServer extends SlackHttpApp {
  /** e.g. `http://127.0.0.1:3000/slack/events`: the request URL to give Slack (through a tunnel). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the app over HTTP on `host:port` (default 127.0.0.1 and a free port).
 *
 * @example
 * const server = await startSlackHttpServer({ signingSecret, token, services, port: 3000 });
 * console.log(`Slack request URL: ${server.url}`);
 */
export async function startSlackHttpServer(
  options: SlackHttpOptions & { readonly host?: string; readonly port?: number },
): Promise<SlackHttpServer> {
  const { app, receiver } = createSlackHttpApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = await receiver.start({ port: options.port ?? 0, host });
  const { port } = server.address() as AddressInfo;
  return {
    app,
    receiver,
    url: `http://${host}:${port}${options.path ?? '/slack/events'}`,
    close: async () => {
      server.closeAllConnections();
      await receiver.stop();
    },
  };
}
