import type { DecodeProblem } from './types';

/** CloudWatch Logs' maximum log event size; longer messages are cut to it. */
export const CLOUDWATCH_MAX_EVENT_BYTES = 256 * 1024;

/** The result of `parseJsonText`. */
export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: DecodeProblem };

/**
 * Parses one JSON document. On failure, tells a document that was cut off (`truncated`: every bracket and
 * string still open at the end, as when CloudWatch truncates an event over 256 KB) from one that is simply
 * wrong (`malformed-json`). The detail gives the length and position, never the text.
 *
 * @example
 * parseJsonText('{"kind":"Event","verb":"ge'); // { ok: false, problem: { reason: 'truncated', ... } }
 */
export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: classifyJsonFailure(text, error) };
  }
}

function classifyJsonFailure(text: string, error: unknown): DecodeProblem {
  const length = Buffer.byteLength(text, 'utf8');
  if (isCutOff(text)) {
    const nearLimit = length >= CLOUDWATCH_MAX_EVENT_BYTES - 1024;
    const why = nearLimit ? ', at the CloudWatch 256 KB event limit' : '';
    return {
      reason: 'truncated',
      detail: `JSON ends before the document is complete (${length} bytes${why})`,
    };
  }
  const message = error instanceof SyntaxError ? error.message : 'invalid JSON';
  return { reason: 'malformed-json', detail: `invalid JSON (${length} bytes): ${redactJsonError(message)}` };
}

/**
 * V8 quotes the input in some messages (`Unexpected token 's', ..."password":s3cr3t"... is not valid JSON`) and
 * names the offending character in others; keep only what says where, so no payload reaches a log.
 */
export function redactJsonError(message: string): string {
  if (message.includes('"')) return 'unexpected token';
  return message.replace(/(Unexpected token) '.+?'/u, '$1');
}

/**
 * True when the text is a prefix of a JSON object or array: it opens with `{` or `[`, never closes the
 * outermost bracket, and is otherwise well nested. A syntax error inside (wrong bracket) is not truncation.
 */
export function isCutOff(text: string): boolean {
  const start = firstNonSpace(text);
  const open = text[start];
  if (open !== '{' && open !== '[') return false;
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') stack.push(char === '{' ? '}' : ']');
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return false;
      if (stack.length === 0) return false; // complete document: the error is elsewhere
    }
  }
  return stack.length > 0;
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && /\s/.test(text[i] ?? '')) i += 1;
  return i;
}
