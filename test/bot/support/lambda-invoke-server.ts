import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';

/**
 * A local stand-in for Lambda's Invoke API (`POST /2015-03-31/functions/<name>/invocations`), for the real
 * `LambdaClient`: it records each invocation (function, invocation type, payload) and answers as Lambda
 * answers an asynchronous one, 202 with no body. It does not run anything: tests hand the recorded payload
 * to the handler themselves.
 */
export interface InvokeServer {
  readonly client: LambdaClient;
  readonly invocations: { functionName: string; invocationType: string; payload: unknown }[];
  close(): Promise<void>;
}

export async function startInvokeServer(): Promise<InvokeServer> {
  const invocations: InvokeServer['invocations'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
      if (!match || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
        return;
      }
      invocations.push({
        functionName: decodeURIComponent(match[1] as string),
        invocationType: String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse'),
        payload: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(202, { 'x-amzn-requestid': `req-${invocations.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new LambdaClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    client,
    invocations,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
