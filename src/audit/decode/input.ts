import { gunzipSync } from 'node:zlib';
import type { SubscriptionBatch } from './awslogs';
import { decodeDocuments } from './documents';
import { expandDocument, shapeOf } from './expand';
import { parseJsonText } from './json-text';
import { decodeLines, lineFormat } from './lines';
import { countAllDecoded, type DecodeStats, newDecodeStats } from './stats';
import type { DecodedItem, EventWhere, InputFormat } from './types';

/** The CloudWatch origin of events that came in a subscription payload or envelope. */
export interface LogOrigin {
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  /** From `/aws/eks/<cluster>/cluster`. */
  readonly cluster?: string;
}

/** The result of `decodeInput`: the detected format, every item in input order, and the counts. */
export interface DecodedInput {
  readonly format: InputFormat;
  readonly items: readonly DecodedItem[];
  /** Includes `controlMessages` for CONTROL_MESSAGE payloads met in the input. */
  readonly stats: DecodeStats;
  /** Log groups and streams of the subscription payloads in the input, once each, in order met. */
  readonly origins: readonly LogOrigin[];
}

/**
 * Names the format of a whole input text, detected from its content:
 * - `event-list`, `json-array`, `subscription-payload`, `awslogs-envelope`, `filter-log-events`: the text is
 *   one JSON document of that shape (pretty-printed or not);
 * - `json-lines`: one JSON document per line (the log backend; a file holding one event is one line);
 * - `cloudwatch-export`: lines of `<timestamp> <json>`;
 * - `json-documents`: pretty-printed JSON documents one after another (`jq .` output), or one that is cut off;
 * - `empty`; `unknown` when no line looks like JSON.
 *
 * @example
 * detectFormat('{"kind":"EventList","items":[]}'); // 'event-list'
 * detectFormat('2024-01-01T00:00:00.000Z {"kind":"Event"}'); // 'cloudwatch-export'
 */
export function detectFormat(text: string): InputFormat {
  return sniff(stripBom(text)).format;
}

/**
 * Decodes an input text of any supported format into audit events and problems, each with where it came
 * from (`sourceName`, line, index, log event id). Never throws: one bad line or entry never loses the rest.
 *
 * @example
 * const { format, items, stats } = decodeInput(fs.readFileSync('audit.jsonl', 'utf8'), 'audit.jsonl');
 * for (const item of items) if (!item.ok) console.error(formatWhere(item.where), item.problem.detail);
 */
export function decodeInput(text: string, sourceName: string): DecodedInput {
  const clean = stripBom(text);
  const { format, document } = sniff(clean);
  const where: EventWhere = { source: sourceName };
  const batches: SubscriptionBatch[] = [];
  const onBatch = (batch: SubscriptionBatch) => batches.push(batch);
  let items: DecodedItem[];
  if (document !== undefined) {
    const at = document.text !== undefined ? { ...where, line: 1 } : where;
    items = expandDocument(document.value, at, { message: document.text, onBatch });
  } else if (format === 'empty') items = [];
  else if (format === 'unknown') items = [unrecognised(clean, where)];
  else if (format === 'json-documents') items = decodeDocuments(clean, sourceName, onBatch);
  else items = decodeLines(clean, sourceName, onBatch);
  const stats = countAllDecoded(newDecodeStats(), items);
  stats.controlMessages = batches.filter((batch) => batch.messageType === 'CONTROL_MESSAGE').length;
  return { format, items, stats, origins: originsOf(batches) };
}

/**
 * `decodeInput` for raw bytes: gzip data (a CloudWatch export to S3 is `.gz`) is decompressed first; the
 * text is read as UTF-8.
 *
 * @example
 * decodeInputBytes(fs.readFileSync('000000.gz'), '000000.gz');
 */
export function decodeInputBytes(bytes: Uint8Array, sourceName: string): DecodedInput {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzip) return decodeInput(Buffer.from(bytes).toString('utf8'), sourceName);
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const item: DecodedItem = {
      ok: false,
      problem: { reason: 'unrecognised-input', detail: `gzip data that cannot be decompressed: ${why}` },
      where: { source: sourceName },
    };
    return {
      format: 'unknown',
      items: [item],
      stats: countAllDecoded(newDecodeStats(), [item]),
      origins: [],
    };
  }
  return decodeInput(text, sourceName);
}

interface Sniffed {
  readonly format: InputFormat;
  /** Set when the whole text is one JSON document (parsed once, reused by `decodeInput`). */
  readonly document?: { readonly value: unknown; readonly text?: string };
}

function sniff(text: string): Sniffed {
  const trimmed = text.trim();
  if (trimmed === '') return { format: 'empty' };
  const first = trimmed[0];
  if (first === '{' || first === '[') {
    const whole = parseJsonText(trimmed);
    if (whole.ok) {
      const shape = shapeOf(whole.value);
      const single = trimmed.includes('\n') ? undefined : trimmed;
      return {
        format: shape ?? 'json-lines',
        document: { value: whole.value, ...(single ? { text: single } : {}) },
      };
    }
  }
  return { format: startsPrettyDocument(trimmed) ? 'json-documents' : lineFormat(trimmed) };
}

function originsOf(batches: readonly SubscriptionBatch[]): LogOrigin[] {
  const seen = new Map<string, LogOrigin>();
  for (const { messageType, owner, logGroup, logStream, cluster } of batches) {
    const key = `${logGroup}\n${logStream}`;
    if (messageType !== 'DATA_MESSAGE' || seen.has(key)) continue;
    seen.set(key, { owner, logGroup, logStream, ...(cluster ? { cluster } : {}) });
  }
  return [...seen.values()];
}

/** A text whose first line is a lone `{` or `[` is one pretty-printed document, not JSON lines. */
function startsPrettyDocument(text: string): boolean {
  const firstLine = text.trimStart().split('\n', 1)[0]?.trim();
  return firstLine === '{' || firstLine === '[';
}

function unrecognised(text: string, where: EventWhere): DecodedItem {
  const lines = text.split('\n').length;
  const detail = `no line is JSON or a CloudWatch export line (${lines} lines); supported: JSON lines, EventList, JSON array, subscription payload or envelope, filter-log-events output, CloudWatch export`;
  return { ok: false, problem: { reason: 'unrecognised-input', detail }, where };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
