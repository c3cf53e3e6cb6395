import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';

/**
 * A local stand-in for SSM Parameter Store's `GetParameters` and `GetParameter` (AWS JSON 1.1 protocol), for
 * the real `@aws-sdk/client-ssm`: enough to prove the Slack function reads its secrets from SSM, once per cold
 * start, and the notifier its Teams client secret.
 */
export interface SsmServer {
  readonly endpoint: string;
  /** The names asked for, per call. */
  readonly calls: string[][];
  /** Parameter values by name (a name absent here is answered under `InvalidParameters`). */
  readonly parameters: Map<string, string>;
  client(): SSMClient;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port, holding `parameters`. */
export async function startSsmServer(parameters: Record<string, string>): Promise<SsmServer> {
  const values = new Map(Object.entries(parameters));
  const calls: string[][] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        Names?: string[];
        Name?: string;
      };
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target === 'AmazonSSM.GetParameter') {
        const name = input.Name ?? '';
        calls.push([name]);
        const value = values.get(name);
        if (value === undefined) res.statusCode = 400;
        res.end(
          JSON.stringify(
            value === undefined
              ? { __type: 'ParameterNotFound', message: `Parameter ${name} not found.` }
              : { Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1 } },
          ),
        );
        return;
      }
      if (target !== 'AmazonSSM.GetParameters') {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: target }));
        return;
      }
      const names = input.Names ?? [];
      calls.push(names);
      const found = names.filter((name) => values.has(name));
      res.end(
        JSON.stringify({
          Parameters: found.map((Name) => ({
            Name,
            Type: 'SecureString',
            Value: values.get(Name),
            Version: 1,
          })),
          InvalidParameters: names.filter((name) => !values.has(name)),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    calls,
    parameters: values,
    client: () =>
      new SSMClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
        maxAttempts: 1,
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
