import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Args, Body } from './slack-methods';

/** The HTTP side of the fake Slack server: request parsing, injected faults, responses. */

/** A fault to answer with instead of the real response. */
export type Fault =
  | 'ratelimited'
  | 'server_error'
  | { readonly kind: 'ratelimited'; readonly retryAfterSeconds?: number }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'slack'; readonly error: string };

/** What the server sends back. */
export interface Answer {
  status: number;
  body: Body;
  headers?: Record<string, string>;
  fault?: 'ratelimited' | 'http' | 'slack';
}

/** Consumes one injected fault for `method` (or `*`), if any is left. */
export function takeFault(
  faults: { method: string; left: number; fault: Fault }[],
  method: string,
): Fault | undefined {
  const entry = faults.find((f) => f.left > 0 && (f.method === method || f.method === '*'));
  if (!entry) return undefined;
  entry.left -= 1;
  return entry.fault;
}

/** The 429 (with Retry-After), 5xx or Slack error answer a fault stands for. */
export function faultAnswer(fault: Fault, defaultRetryAfter: number): Answer {
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

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

/** The call's arguments, from a form-encoded (what the WebClient sends) or a JSON body. */
export function parseArgs(contentType: string, raw: string): Args {
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

/** The token of an `Authorization: Bearer …` header. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1];
}

/** The whole request body, as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Sends an answer as JSON, like Slack. */
export function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    ...(answer.headers ?? {}),
  });
  res.end(JSON.stringify(answer.body));
}
