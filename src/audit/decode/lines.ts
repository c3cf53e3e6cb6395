import { normalizeTimestamp } from '../timestamp';
import { type ExpandOptions, expandDocument } from './expand';
import { parseJsonText } from './json-text';
import type { DecodedItem, EventWhere, InputFormat } from './types';

/** A CloudWatch export line: an RFC 3339 timestamp, whitespace, then the message. */
const EXPORT_LINE = /^(\d{4}-\d{2}-\d{2}T\S+)\s+(\S.*)$/;

/**
 * The format of line-oriented text, decided by the first line (of the first 1,000) that looks like an event,
 * so one broken first line does not hide a good file.
 */
export function lineFormat(text: string): InputFormat {
  for (const raw of text.split('\n', 1000)) {
    const line = raw.trim();
    if (line.startsWith('{') || line.startsWith('[')) return 'json-lines';
    if (EXPORT_LINE.test(line)) return 'cloudwatch-export';
  }
  return 'unknown';
}

/**
 * Decodes line-oriented text: JSON lines and CloudWatch export lines alike (each line may carry the export
 * timestamp), blank lines skipped. A line may also hold a whole document (an EventList, a subscription
 * payload), as when payloads are saved one per line.
 */
export function decodeLines(text: string, source: string, onBatch?: ExpandOptions['onBatch']): DecodedItem[] {
  const items: DecodedItem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    items.push(...decodeLine(line, { source, line: i + 1 }, onBatch));
  }
  return items;
}

function decodeLine(line: string, where: EventWhere, onBatch: ExpandOptions['onBatch']): DecodedItem[] {
  let message = line;
  let logTime: string | undefined;
  const exported = line.startsWith('{') ? null : EXPORT_LINE.exec(line);
  if (exported?.[1] && exported[2]) {
    logTime = normalizeTimestamp(exported[1]);
    message = exported[2];
  }
  const json = parseJsonText(message);
  if (!json.ok) return [{ ok: false, problem: json.problem, where }];
  return expandDocument(json.value, where, { message, logTime, onBatch });
}
