import { normalizeTimestamp } from '../timestamp';
import { expandDocument, shapeOf } from './expand';
import { parseJsonText } from './json-text';
import { countAllDecoded, type DecodeStats, newDecodeStats } from './stats';
import type { DecodedItem, EventWhere, InputFormat } from './types';

/** A CloudWatch export line: an RFC 3339 timestamp, whitespace, then the message. */
const EXPORT_LINE = /^(\d{4}-\d{2}-\d{2}T\S+)\s+(\S.*)$/;

/** The result of `decodeInput`: the detected format, every item in input order, and the counts. */
export interface DecodedInput {
  readonly format: InputFormat;
  readonly items: readonly DecodedItem[];
  readonly stats: DecodeStats;
}

/**
 * Names the format of a whole input text, detected from its content:
 * - `event-list`, `json-array`, `subscription-payload`, `awslogs-envelope`, `filter-log-events`: the text is
 *   one JSON document of that shape (pretty-printed or not);
 * - `json-lines`: one JSON document per line (the log backend; a file holding one event is one line);
 * - `cloudwatch-export`: lines of `<timestamp> <json>`;
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
  let items: DecodedItem[];
  if (document !== undefined) {
    const at = document.text !== undefined ? { ...where, line: 1 } : where;
    items = expandDocument(document.value, at, document.text);
  } else if (format === 'empty') items = [];
  else if (format === 'unknown') items = [unrecognised(clean, where)];
  else if (startsPrettyDocument(clean)) items = [wholeDocumentProblem(clean, where)];
  else items = decodeLines(clean, sourceName);
  return { format, items, stats: countAllDecoded(newDecodeStats(), items) };
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
  return { format: lineFormat(trimmed) };
}

/** The format of line-oriented text: decided by the first line that looks like an event. */
function lineFormat(text: string): InputFormat {
  for (const raw of text.split('\n', 1000)) {
    const line = raw.trim();
    if (line.startsWith('{') || line.startsWith('[')) return 'json-lines';
    if (EXPORT_LINE.test(line)) return 'cloudwatch-export';
  }
  return 'unknown';
}

function decodeLines(text: string, source: string): DecodedItem[] {
  const items: DecodedItem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    items.push(...decodeLine(line, { source, line: i + 1 }));
  }
  return items;
}

/** One line: optional export timestamp prefix, then one JSON document of any shape. */
function decodeLine(line: string, where: EventWhere): DecodedItem[] {
  let message = line;
  let logTime: string | undefined;
  const exported = line.startsWith('{') ? null : EXPORT_LINE.exec(line);
  if (exported?.[1] && exported[2]) {
    logTime = normalizeTimestamp(exported[1]);
    message = exported[2];
  }
  const json = parseJsonText(message);
  if (!json.ok) return [{ ok: false, problem: json.problem, where }];
  return expandDocument(json.value, where, message, logTime);
}

/** A text whose first line is a lone `{` or `[` is one pretty-printed document, not JSON lines. */
function startsPrettyDocument(text: string): boolean {
  const firstLine = text.trimStart().split('\n', 1)[0]?.trim();
  return firstLine === '{' || firstLine === '[';
}

function wholeDocumentProblem(text: string, where: EventWhere): DecodedItem {
  const json = parseJsonText(text.trim());
  const problem = json.ok ? { reason: 'malformed-json' as const, detail: 'invalid JSON' } : json.problem;
  return { ok: false, problem, where: { ...where, line: 1 } };
}

function unrecognised(text: string, where: EventWhere): DecodedItem {
  const lines = text.split('\n').length;
  const detail = `no line is JSON or a CloudWatch export line (${lines} lines); supported: JSON lines, EventList, JSON array, subscription payload or envelope, filter-log-events output, CloudWatch export`;
  return { ok: false, problem: { reason: 'unrecognised-input', detail }, where };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
