import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Answer,
  bearer,
  type Fault,
  faultAnswer,
  parseArgs,
  readBody,
  send,
  takeFault,
} from './slack-http';
import { type Args, type Body, callMethod } from './slack-methods';
import { type SlackChannel, type SlackUser, SlackWorkspace, type StoredMessage } from './slack-workspace';

export type { Fault } from './slack-http';
export type { SlackChannel, SlackUser, StoredMessage } from './slack-workspace';

/**
 * A local stand-in for Slack's Web API, for the REAL `@slack/web-api` WebClient (and Bolt) pointed at it with
 * `slackApiUrl: server.apiUrl`. It records every call, answers like Slack, rejects what Slack would reject
 * (unknown methods, bad tokens, Block Kit limits, unknown channels and messages) and can be told to fail the
 * next calls of a method with HTTP 429 + Retry-After, a 5xx, or a Slack error.
 *
 * @example
 * const slack = await startSlackServer({ channels: ['C0ALERTS'] });
 * const client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl });
 * await client.chat.postMessage({ channel: 'C0ALERTS', text: 'hi' });
 * slack.callsTo('chat.postMessage').length; // 1
 * await slack.close();
 */
export interface SlackServerOptions {
  /** The one valid token (default `xoxb-test-token`). */
  readonly token?: string;
  /** Known channels; when omitted, any `C…`/`G…`/`D…` id is accepted. */
  readonly channels?: readonly (string | SlackChannel)[];
  readonly users?: readonly SlackUser[];
  readonly userGroups?: Record<string, readonly string[]>;
  /** Retry-After sent with injected 429s (default 1 second). */
  readonly retryAfterSeconds?: number;
}

/** One request as the server saw it and answered it. */
export interface RecordedCall {
  readonly method: string;
  readonly args: Args;
  /** Lower-cased request headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** The token sent (Authorization: Bearer, else the `token` argument). */
  readonly token: string | undefined;
  readonly status: number;
  readonly response: Body;
  readonly fault?: 'ratelimited' | 'http' | 'slack';
  /** `performance.now()` when the request arrived (to check that retries waited). */
  readonly receivedAt: number;
}

/** The running server. */
export interface SlackServer {
  /** `http://127.0.0.1:PORT/api/`, for `slackApiUrl`. */
  readonly apiUrl: string;
  readonly token: string;
  /** Every call so far, in arrival order (live array). */
  readonly calls: readonly RecordedCall[];
  /** The calls of one method (`response_url` for posts to `responseUrl(...)`). */
  callsTo(method: string): RecordedCall[];
  /** Answers the next `times` calls of `method` (`*`: any method) with `fault`. */
  failNext(method: string, times: number, fault: Fault): void;
  setUsers(users: readonly SlackUser[]): void;
  setUserGroups(groups: Record<string, readonly string[]>): void;
  /** A message as last updated, with its versions. */
  message(channel: string, ts: string): StoredMessage | undefined;
  /** A URL standing in for an interaction's `response_url`; posts to it are recorded as `response_url`. */
  responseUrl(name: string): string;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startSlackServer(options: SlackServerOptions = {}): Promise<SlackServer> {
  const token = options.token ?? 'xoxb-test-token';
  const workspace = new SlackWorkspace(options);
  const calls: RecordedCall[] = [];
  const faults: { method: string; left: number; fault: Fault }[] = [];

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const receivedAt = performance.now();
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        const method = path.startsWith('/api/')
          ? path.slice(5)
          : path.startsWith('/response/')
            ? 'response_url'
            : path;
        const args = parseArgs(req.headers['content-type'] ?? '', raw);
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const sentToken =
          bearer(req.headers.authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
        const fault = takeFault(faults, method);
        const answer = fault
          ? faultAnswer(fault, options.retryAfterSeconds ?? 1)
          : answerCall(method, args, sentToken);
        calls.push({
          method,
          args,
          headers,
          token: sentToken,
          status: answer.status,
          response: answer.body,
          receivedAt,
          ...(answer.fault ? { fault: answer.fault } : {}),
        });
        send(res, answer);
      })
      .catch((error: unknown) => {
        send(res, { status: 500, body: { ok: false, error: `fake_server_error: ${String(error)}` } });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  function answerCall(method: string, args: Args, sentToken: string | undefined): Answer {
    if (method === 'response_url') return { status: 200, body: { ok: true } };
    if (sentToken === undefined || sentToken === '')
      return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (sentToken !== token) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    return { status: 200, body: callMethod(workspace, method, args) };
  }

  return {
    apiUrl: `${base}/api/`,
    token,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext: (method, times, fault) => {
      faults.push({ method, left: times, fault });
    },
    setUsers: (users) => {
      workspace.users = [...users];
    },
    setUserGroups: (groups) => {
      workspace.userGroups = { ...groups };
    },
    message: (channel, ts) => workspace.message(channel, ts),
    responseUrl: (name) => `${base}/response/${encodeURIComponent(name)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The WebClient keeps connections alive; close them so close() does not wait for their timeout.
        server.closeAllConnections();
      }),
  };
}
