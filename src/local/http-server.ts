import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { sendJson } from './http-reply';
import { type AuditWebhookDeps, handleAuditWebhook } from './webhook';

/** A request handler mounted on a path of the local server (Bolt's HTTP entry at `/slack/events`). */
export type MountedHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What the local HTTP server serves. */
export interface LocalServerOptions {
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly webhook: AuditWebhookDeps;
  /** The body of `GET /healthz`. */
  readonly health: () => unknown;
  /** More paths (exact match), e.g. `{ '/slack/events': boltHandler }`. */
  readonly mounts?: Readonly<Record<string, MountedHandler>>;
  readonly log: Logger;
}

/** The running server. */
export interface LocalServer {
  /** `http://127.0.0.1:8787` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The paths of the local server. */
export const LocalPaths = { audit: '/audit', health: '/healthz', slack: '/slack/events' } as const;

/**
 * Starts the local HTTP server: `POST /audit` (the kube-apiserver audit webhook), `GET /healthz`, and the
 * mounted handlers. Anything else is a 404 (or 405 for a known path with the wrong method), with a JSON body.
 *
 * @throws EksAuditError-free Node errors from `listen` (EADDRINUSE...); the caller names the setting.
 * @example
 * const server = await startLocalServer({ host: '127.0.0.1', port: 8787, webhook, health, log });
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const server = createServer((req, res) => {
    route(req, res, options).catch((error: unknown) => {
      options.log.error('local server request failed', { path: pathOf(req), error: describeError(error) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: describeError(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, options: LocalServerOptions): Promise<void> {
  const path = pathOf(req);
  const mounted = options.mounts?.[path];
  if (mounted) return mounted(req, res);
  if (path === LocalPaths.audit) {
    if (req.method !== 'POST') return wrongMethod(res, 'POST', path);
    return handleAuditWebhook(req, res, options.webhook);
  }
  if (path === LocalPaths.health) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return wrongMethod(res, 'GET', path);
    return sendJson(res, 200, options.health());
  }
  sendJson(res, 404, {
    error: 'not-found',
    message: `no such path ${JSON.stringify(path)}; POST audit events to ${LocalPaths.audit}`,
  });
}

function wrongMethod(res: ServerResponse, allowed: string, path: string): void {
  sendJson(res, 405, { error: 'method-not-allowed', message: `use ${allowed} ${path}` }, { allow: allowed });
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://local').pathname;
}
