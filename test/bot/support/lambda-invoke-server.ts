import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';

/**
 * A local stand-in for Lambda's Invoke API (`POST /2015-03-31/functions/<name>/invocations`), for the real
 * `LambdaClient`: it records each invocation (function, invocation type, payload) and answers as Lambda
 * answers an asynchronous one, 202 with no body. It does not run anything: tests hand the recorded payload
 * to the handler themselves. While `refuse` is set, it answers as Lambda does when the caller's role lacks
 * `lambda:InvokeFunction`: 403 `AccessDeniedException`.
 */
export interface InvokeServer {
  readonly client: LambdaClient;
  readonly invocations: {
    functionName: string;
    invocationType: string;
    /** Signed with SigV4 for the `lambda` service, as Lambda requires. */
    signedForLambda: boolean;
    payload: unknown;
  }[];
  /** Answer every invocation 403 AccessDeniedException while set. */
  refuse: boolean;
  /** Functions whose invocation was refused, in order. */
  readonly refused: string[];
  close(): Promise<void>;
}

const SIGV4_LAMBDA = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/lambda\/aws4_request,/;

export async function startInvokeServer(): Promise<InvokeServer> {
  const invocations: InvokeServer['invocations'] = [];
  const refused: string[] = [];
  const state = { refuse: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
      if (!match || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
        return;
      }
      const functionName = decodeURIComponent(match[1] as string);
      if (state.refuse) {
        refused.push(functionName);
        // Lambda's REST-JSON error shape: the code in x-amzn-errortype, the message in the body.
        res
          .writeHead(403, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'AccessDeniedException',
            'x-amzn-requestid': `req-refused-${refused.length}`,
          })
          .end(
            JSON.stringify({
              Type: 'User',
              message: `User: arn:aws:sts::123456789012:assumed-role/slack/${functionName} is not authorized to perform: lambda:InvokeFunction on resource: ${functionName} because no identity-based policy allows the lambda:InvokeFunction action`,
            }),
          );
        return;
      }
      invocations.push({
        functionName,
        invocationType: String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse'),
        signedForLambda: SIGV4_LAMBDA.test(String(req.headers.authorization ?? '')),
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
  return Object.assign(state, {
    client,
    invocations,
    refused,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
