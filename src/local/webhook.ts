import type { IncomingMessage, ServerResponse } from 'node:http';
import { countAllDecoded, type DecodedInput, expandDocument, newDecodeStats } from '../audit/decode';
import type { IngestSummary } from '../ingest/summary';
import type { Logger } from '../shared/logger';
import * as z from '../shared/zod';
import { readBodyWithin } from './http-body';
import { sendJson } from './http-reply';

/** The largest batch the endpoint takes: 10 MiB (kube-apiserver's default batch of 400 events is far less). */
export const WEBHOOK_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Why a request was turned down; each is counted. */
export type WebhookRejection = 'wrong-content-type' | 'too-large' | 'malformed-json' | 'not-event-list';

/** What the endpoint has done since start. */
export interface WebhookStats {
  /** Batches accepted (200). */
  accepted: number;
  /** Requests refused, by reason (4xx). */
  rejected: Partial<Record<WebhookRejection, number>>;
  /** Events read from accepted batches, findings made, and skipped events by reason. */
  events: number;
  findings: number;
  skipped: Record<string, number>;
}

/** A new, zeroed `WebhookStats`. */
export function newWebhookStats(): WebhookStats {
  return { accepted: 0, rejected: {}, events: 0, findings: 0, skipped: {} };
}

/** What the endpoint needs: the pipeline to run on a decoded batch, and where to count. */
export interface AuditWebhookDeps {
  readonly ingest: (input: DecodedInput) => Promise<IngestSummary>;
  readonly stats: WebhookStats;
  readonly maxBodyBytes?: number;
  /** Told of every refused request (status and reason, never the body). */
  readonly log?: Logger;
}

/**
 * The kube-apiserver audit webhook backend POSTs `{"kind":"EventList","apiVersion":"audit.k8s.io/v1",
 * "items":[...]}` with `Content-Type: application/json`. Only the envelope is checked here; each item is
 * decoded (and a bad one skipped and counted) by the same decoder as every other input.
 */
const EventListEnvelopeSchema = z.looseObject({
  kind: z.literal('EventList', 'kind must be "EventList"'),
  apiVersion: z
    .string('apiVersion is required')
    .check(z.regex(/^audit\.k8s\.io\/v1(beta1)?$/, 'apiVersion must be audit.k8s.io/v1 (or v1beta1)')),
  // Go writes an empty list as null.
  items: z.nullable(z.array(z.unknown(), 'items must be an array of audit events')),
});

/**
 * Handles `POST /audit`: checks the content type, reads at most `maxBodyBytes` (streamed), parses the JSON,
 * checks it is an audit `EventList`, runs the ingest pipeline on it and answers 200 with the counts. Bad input
 * gets a 4xx with `{ error, message }` and is counted; it never affects other batches.
 *
 * @example
 * server.on('request', (req, res) => req.url === '/audit' && handleAuditWebhook(req, res, deps));
 */
export async function handleAuditWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  deps: AuditWebhookDeps,
): Promise<void> {
  const refuse = (status: number, error: WebhookRejection, message: string): void => {
    deps.stats.rejected[error] = (deps.stats.rejected[error] ?? 0) + 1;
    deps.log?.warn('webhook request refused', { status, error, message });
    sendJson(res, status, { error, message }, status === 413 ? { connection: 'close' } : {});
  };
  const type = contentTypeProblem(req);
  if (type) return refuse(415, 'wrong-content-type', type);
  const limit = deps.maxBodyBytes ?? WEBHOOK_MAX_BODY_BYTES;
  const body = await readBodyWithin(req, limit);
  if (!body.ok) {
    return refuse(
      413,
      'too-large',
      `the body is over the limit of ${limit} bytes; send smaller batches (kube-apiserver: --audit-webhook-batch-max-size)`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(body.body.toString('utf8'));
  } catch (error) {
    return refuse(400, 'malformed-json', `the body is not valid JSON: ${(error as Error).message}`);
  }
  const envelope = EventListEnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    const problems = envelope.error.issues.map((issue) => issue.message).join('; ');
    return refuse(400, 'not-event-list', `expected an audit.k8s.io/v1 EventList: ${problems}`);
  }
  const items = expandDocument({ ...envelope.data, items: envelope.data.items ?? [] }, { source: 'webhook' });
  const input: DecodedInput = {
    format: 'event-list',
    items,
    stats: countAllDecoded(newDecodeStats(), items),
    origins: [],
  };
  const summary = await deps.ingest(input);
  count(deps.stats, summary);
  sendJson(res, 200, { events: summary.events, findings: summary.findings, skipped: summary.skipped });
}

function contentTypeProblem(req: IncomingMessage): string | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json') {
    return `Content-Type must be application/json, got ${type === '' ? 'none' : JSON.stringify(type)}`;
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity')
    return `Content-Encoding ${JSON.stringify(encoding)} is not supported; send plain JSON`;
  return undefined;
}

function count(stats: WebhookStats, summary: IngestSummary): void {
  stats.accepted += 1;
  stats.events += summary.events;
  stats.findings += summary.findings;
  for (const [reason, n] of Object.entries(summary.skipped))
    stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
}
