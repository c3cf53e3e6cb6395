import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for Slack's Socket Mode, so the real `SocketModeReceiver` (and its WebSocket client) can be
 * driven with no network: `apps.connections.open` (checked against the app-level token) answers with a
 * `ws://127.0.0.1` URL; the WebSocket there says `hello` like Slack, delivers envelopes and records the acks.
 * Every other Web API method is forwarded to `webApiUrl` (the recording Slack server), so one SLACK_API_URL
 * serves both. The WebSocket framing (RFC 6455: handshake, masked client frames, ping/pong, close) is written
 * out here rather than mocked.
 */
export interface SocketModeServer {
  /** For SLACK_API_URL: `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl: string;
  /** Resolves when a client has connected and been sent `hello`. */
  connected(): Promise<void>;
  /** Sends an envelope (`interactive` by default) and resolves with the client's ack message. */
  deliver(payload: unknown, type?: string): Promise<{ envelope_id: string; payload?: unknown }>;
  readonly connectionsOpened: number;
  close(): Promise<void>;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export async function startSocketModeServer(options: {
  appToken: string;
  webApiUrl: string;
}): Promise<SocketModeServer> {
  let socket: Socket | undefined;
  let opened = 0;
  let onConnect: (() => void) | undefined;
  const connectedOnce = new Promise<void>((resolve) => (onConnect = resolve));
  const acks = new Map<string, (message: { envelope_id: string }) => void>();

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const body = await readAll(req);
    if (path === '/api/apps.connections.open') {
      opened += 1;
      const ok = req.headers.authorization === `Bearer ${options.appToken}`;
      const { port } = server.address() as AddressInfo;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok ? { ok: true, url: `ws://127.0.0.1:${port}/link` } : { ok: false, error: 'invalid_auth' },
        ),
      );
      return;
    }
    const forwarded = await fetch(new URL(path.replace(/^\/api\//, ''), options.webApiUrl), {
      method: req.method ?? 'POST',
      headers: Object.fromEntries(
        ['content-type', 'authorization'].flatMap((name) =>
          req.headers[name] ? [[name, String(req.headers[name])]] : [],
        ),
      ),
      ...(req.method === 'GET' ? {} : { body }),
    });
    res.writeHead(forwarded.status, {
      'content-type': forwarded.headers.get('content-type') ?? 'application/json',
    });
    res.end(Buffer.from(await forwarded.arrayBuffer()));
  });

  server.on('upgrade', (req: IncomingMessage, upgraded: Socket) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}${GUID}`).digest('base64');
    upgraded.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket = upgraded;
    let buffered = Buffer.alloc(0);
    upgraded.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let frame = readFrame(buffered); frame; frame = readFrame(buffered)) {
        buffered = buffered.subarray(frame.length);
        if (frame.opcode === 0x9) upgraded.write(encodeFrame(0xa, frame.payload));
        else if (frame.opcode === 0x8) upgraded.end(encodeFrame(0x8, Buffer.alloc(0)));
        else if (frame.opcode === 0x1) {
          const message = JSON.parse(frame.payload.toString('utf8')) as { envelope_id: string };
          acks.get(message.envelope_id)?.(message);
        }
      }
    });
    upgraded.on('error', () => {});
    upgraded.write(
      encodeFrame(
        0x1,
        Buffer.from(
          JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0EKSAUDIT' } }),
        ),
      ),
    );
    onConnect?.();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    connected: () => connectedOnce,
    get connectionsOpened() {
      return opened;
    },
    deliver(payload, type = 'interactive') {
      const envelopeId = randomUUID();
      const envelope = { envelope_id: envelopeId, type, payload, accepts_response_payload: true };
      return new Promise((resolve, reject) => {
        if (!socket) return reject(new Error('no Socket Mode client connected'));
        acks.set(envelopeId, resolve);
        socket.write(encodeFrame(0x1, Buffer.from(JSON.stringify(envelope))));
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A server frame: FIN, the opcode, the length, no mask. */
function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([head, payload]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

/** One complete client frame at the start of `data` (unmasked), or undefined if more bytes are needed. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = (data[0] ?? 0) & 0x0f;
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  let length = (data[1] ?? 0) & 0x7f;
  let at = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    at = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    at = 10;
  }
  const mask = masked ? data.subarray(at, at + 4) : undefined;
  if (masked) at += 4;
  if (data.length < at + length) return undefined;
  const payload = Buffer.from(data.subarray(at, at + length));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode, payload, length: at + length };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
