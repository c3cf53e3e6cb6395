import type { ServerResponse } from 'node:http';

/**
 * Answers with a JSON body (and `content-length`, so clients need not wait for the connection to close).
 *
 * @example
 * sendJson(res, 400, { error: 'malformed-json', message: 'the body is not valid JSON' });
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
