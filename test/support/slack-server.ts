import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Args, type Body, callMethod } from './slack-methods';
import { type SlackChannel, type SlackUser, SlackWorkspace, type StoredMessage } from './slack-workspace';

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

/** A fault to answer with instead of the real response. */
export type Fault =
  | 'ratelimited'
  | 'server_error'
  | { readonly kind: 'ratelimited'; readonly retryAfterSeconds?: number }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'slack'; readonly error: string };

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

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

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

interface Answer {
  status: number;
  body: Body;
  headers?: Record<string, string>;
  fault?: RecordedCall['fault'];
}

function takeFault(
  faults: { method: string; left: number; fault: Fault }[],
  method: string,
): Fault | undefined {
  const entry = faults.find((f) => f.left > 0 && (f.method === method || f.method === '*'));
  if (!entry) return undefined;
  entry.left -= 1;
  return entry.fault;
}

function faultAnswer(fault: Fault, defaultRetryAfter: number): Answer {
  const f =
    typeof fault === 'string'
      ? fault === 'ratelimited'
        ? { kind: 'ratelimited' as const }
        : { kind: 'http' as const, status: 503 }
      : fault;
  if (f.kind === 'ratelimited') {
    const retryAfter = String(f.retryAfterSeconds ?? defaultRetryAfter);
    return {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': retryAfter },
      fault: 'ratelimited',
    };
  }
  if (f.kind === 'http')
    return { status: f.status, body: { ok: false, error: `http_${f.status}` }, fault: 'http' };
  return { status: 200, body: { ok: false, error: f.error }, fault: 'slack' };
}

function parseArgs(contentType: string, raw: string): Args {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Args;
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? parseJsonField(value) : value;
  }
  return args;
}

/** Slack parses these form fields as JSON; one that does not parse is answered `invalid_blocks_format`. */
function parseJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return '__unparseable__';
  }
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    ...(answer.headers ?? {}),
  });
  res.end(JSON.stringify(answer.body));
}
