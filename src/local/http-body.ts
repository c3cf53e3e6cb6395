import type { IncomingMessage } from 'node:http';

/** What `readBodyWithin` read. */
export type BodyResult =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly reason: 'too-large'; readonly limit: number };

/**
 * Past the limit the rest of the body is read and dropped (so the client gets our 413 instead of a reset
 * connection), up to this many more bytes; then the connection is cut.
 */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads a request body, refusing it once it passes `limit` bytes: a declared Content-Length over the limit is
 * refused before reading anything, and a body that grows past it while streaming (chunked, or a lying
 * Content-Length) is refused as soon as it does; the bytes already held are released. Memory never holds more
 * than `limit` bytes of one request.
 *
 * @example
 * const result = await readBodyWithin(req, 10 * 1024 * 1024);
 * if (!result.ok) return reply(res, 413, { error: 'too-large' });
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    let size = 0;
    let chunks: Buffer[] | undefined = [];
    const tooLarge = (): void => {
      chunks = undefined;
      resolve({ ok: false, reason: 'too-large', limit });
    };
    if (Number.isFinite(declared) && declared > limit) tooLarge();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (chunks === undefined) {
        if (size > limit + DRAIN_MAX_BYTES) req.destroy();
        return;
      }
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (chunks !== undefined) resolve({ ok: true, body: Buffer.concat(chunks, size) });
    });
    req.on('error', reject);
  });
}
