import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import esbuildConfig from '../../deploy/esbuild.config.cjs';

/*
 * The Lambda bundles take AWS credentials from the environment only (deploy/esbuild.config.cjs). A probe
 * bundled with the same options publishes to a local HTTP server standing in for SNS; the test reads the
 * request's signature.
 */

interface Probe {
  publishOnce(endpoint: string): Promise<unknown>;
}

const accessKey = 'AKIAPROBEPROBEPROBE0';
const credentialNames = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];
const saved = Object.fromEntries(credentialNames.map((name) => [name, process.env[name]]));
let dir: string;
let probe: Probe;
let server: Server;
let endpoint: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eks-audit-sdk-'));
  await build({
    ...esbuildConfig.esbuildOptions,
    entryPoints: [new URL('fixtures/sdk-probe.ts', import.meta.url).pathname],
    outfile: join(dir, 'probe.js'),
    logLevel: 'error',
  });
  probe = createRequire(import.meta.url)(join(dir, 'probe.js')) as Probe;
  server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(
        '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId>' +
          '</PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('AWS credentials in a Lambda bundle', () => {
  it('signs with the credentials Lambda puts in the environment', async () => {
    process.env.AWS_ACCESS_KEY_ID = accessKey;
    process.env.AWS_SECRET_ACCESS_KEY = 'probe-secret';
    process.env.AWS_SESSION_TOKEN = 'probe-session';
    const result = await probe.publishOnce(endpoint);
    expect(result).toMatchObject({ MessageId: 'm-1' });
    expect(seen.at(-1)?.authorization).toContain(`Credential=${accessKey}/`);
    expect(seen.at(-1)?.['x-amz-security-token']).toBe('probe-session');
  });

  it('fails without environment credentials instead of looking for them elsewhere', async () => {
    for (const name of credentialNames) delete process.env[name];
    const before = seen.length;
    const result = await probe.publishOnce(endpoint);
    expect(result).toBeInstanceOf(Error);
    expect(String((result as Error).message)).toMatch(/credentials/i);
    expect(seen).toHaveLength(before);
  });
});
