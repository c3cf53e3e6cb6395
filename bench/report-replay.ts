/**
 * Separates the client's share of a report from dynalite's: a recording proxy between the DynamoDB client and
 * dynalite keeps every response body by request body; a replay server then answers the same requests from
 * memory at loopback speed. Timing the report against the replay measures what the Lambda itself spends
 * (SDK deserialisation, our parsing and aggregation) without dynalite's own, far slower, query engine.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const readBody = (stream: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });

/** A DynamoDB-speaking endpoint on loopback; `client` talks to it. */
export interface LocalEndpoint {
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<DynamoDBClient> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

const closer = (server: Server, client: DynamoDBClient) => async () => {
  client.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};

/** Forwards to `target` (host:port) and records response bodies by request body. */
export async function recordingProxy(target: URL, recorded: Map<string, Buffer>): Promise<LocalEndpoint> {
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      async (answer) => {
        const payload = await readBody(answer);
        if (answer.statusCode === 200) recorded.set(body.toString('utf8'), payload);
        res.writeHead(answer.statusCode ?? 500, answer.headers).end(payload);
      },
    );
    upstream.end(body);
  });
  const client = await listen(server);
  return { client, close: closer(server, client) };
}

/** Answers every recorded request from memory (as DynamoDB's JSON protocol does: 200, x-amz-json-1.0). */
export async function replayServer(recorded: ReadonlyMap<string, Buffer>): Promise<LocalEndpoint> {
  const server = createServer(async (req, res) => {
    const body = (await readBody(req)).toString('utf8');
    const payload = recorded.get(body);
    if (!payload) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: 'not recorded' }),
      );
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': payload.length })
      .end(payload);
  });
  const client = await listen(server);
  return { client, close: closer(server, client) };
}
