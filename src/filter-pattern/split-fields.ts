/**
 * Splits a log message into space-delimited fields as CloudWatch does for `[...]` patterns: runs of whitespace
 * separate fields, and text between `"` and `"` or `[` and `]` is one field, without the delimiters
 * (`[10/Oct/2000:13:25:15 -0700]` -> `10/Oct/2000:13:25:15 -0700`). An opening delimiter that is never closed is
 * an ordinary character.
 *
 * @example
 * splitFields('127.0.0.1 - frank "GET /index.html HTTP/1.0" 404'); // ['127.0.0.1', '-', 'frank', 'GET /index.html HTTP/1.0', '404']
 */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  const length = message.length;
  let i = 0;
  while (i < length) {
    const code = message.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    const close = code === 0x22 ? '"' : code === 0x5b ? ']' : undefined;
    const end = close === undefined ? -1 : message.indexOf(close, i + 1);
    if (end >= 0) {
      fields.push(message.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i + 1;
    while (j < length && !isSpace(message.charCodeAt(j))) j++;
    fields.push(message.slice(i, j));
    i = j;
  }
  return fields;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
