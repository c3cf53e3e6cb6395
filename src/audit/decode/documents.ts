import { type ExpandOptions, expandDocument } from './expand';
import { parseJsonText } from './json-text';
import type { DecodedItem, EventWhere } from './types';

/** One top-level JSON document of a concatenated text, with the 1-based line it starts on. */
interface DocumentText {
  readonly text: string;
  readonly line: number;
}

/**
 * Splits text holding JSON documents one after another, pretty-printed (`jq .` output, several pasted
 * events) into the documents. Brackets inside strings are ignored; the last piece may be cut off.
 */
export function splitDocuments(text: string): DocumentText[] {
  const documents: DocumentText[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\n') line += 1;
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (start < 0 && char !== undefined && !/\s/.test(char)) {
      start = i;
      startLine = line;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if ((char === '}' || char === ']') && --depth === 0) {
      documents.push({ text: text.slice(start, i + 1), line: startLine });
      start = -1;
    }
  }
  if (start >= 0) documents.push({ text: text.slice(start), line: startLine });
  return documents;
}

/**
 * Decodes concatenated (pretty-printed) JSON documents, each of any supported shape; a bad document is one
 * problem at the line it starts on, and the next document is read normally.
 */
export function decodeDocuments(
  text: string,
  source: string,
  onBatch?: ExpandOptions['onBatch'],
): DecodedItem[] {
  return splitDocuments(text).flatMap(({ text: documentText, line }) => {
    const where: EventWhere = { source, line };
    const json = parseJsonText(documentText);
    if (!json.ok) return [{ ok: false as const, problem: json.problem, where }];
    return expandDocument(json.value, where, { onBatch });
  });
}
