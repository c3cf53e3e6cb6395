import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import esbuildConfig from '../../deploy/esbuild.config.cjs';
import { type InvokeServer, startInvokeServer } from '../bot/support/lambda-invoke-server';
import { type SsmServer, startSsmServer } from '../bot/support/ssm-server';
import { startTestDynamo, type TestDynamo } from '../support/dynamo';

/*
 * The Lambda bundles carry a trimmed AWS SDK (deploy/esbuild.config.cjs): credentials from the environment
 * only, no event streams, only the schemas and the SSM and Lambda errors of the operations called. A probe
 * (fixtures/sdk-probe.ts) bundled with the same options makes every AWS call the functions make against
 * local servers: a stand-in for SNS (and for an SSM error) here, SSM and Lambda's Invoke API
 * (test/bot/support), dynalite for DynamoDB. The test reads what they received and what the probe got back.
 */

type Probe = typeof import('./fixtures/sdk-probe');

const accessKey = 'AKIAPROBEPROBEPROBE0';
const credentialNames = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];
const saved = Object.fromEntries(credentialNames.map((name) => [name, process.env[name]]));
let dir: string;
let probe: Probe;
/** The source files that put code in the bundle (esbuild also lists those it read and shook out). */
let bundled: string[];
let bytesOf: (file: string) => number;
let server: Server;
let endpoint: string;
let ssm: SsmServer;
let dynamo: TestDynamo;
let invoke: InvokeServer;
const seen: { headers: IncomingHttpHeaders; body: string }[] = [];

/** SNS's Query protocol answers: a Publish or a PublishBatch result. */
function snsAnswer(body: string): string {
  const ns = 'xmlns="http://sns.amazonaws.com/doc/2010-03-31/"';
  const meta = '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>';
  if (new URLSearchParams(body).get('Action') === 'PublishBatch') {
    const ids = ['a', 'b'].map((id) => `<member><Id>${id}</Id><MessageId>m-${id}</MessageId></member>`);
    return `<PublishBatchResponse ${ns}><PublishBatchResult><Successful>${ids.join('')}</Successful><Failed/></PublishBatchResult>${meta}</PublishBatchResponse>`;
  }
  return `<PublishResponse ${ns}><PublishResult><MessageId>m-1</MessageId></PublishResult>${meta}</PublishResponse>`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eks-audit-sdk-'));
  const [result] = await Promise.all([
    build({
      ...esbuildConfig.esbuildOptions,
      entryPoints: [new URL('fixtures/sdk-probe.ts', import.meta.url).pathname],
      outfile: join(dir, 'probe.js'),
      metafile: true,
      logLevel: 'error',
    }),
    (async () => {
      [ssm, dynamo, invoke] = await Promise.all([
        startSsmServer({ '/probe/one': 'v-one', '/probe/two': 'v-two' }),
        startTestDynamo({ tableName: 'eks-audit-sdk-bundle' }),
        startInvokeServer(),
      ]);
    })(),
  ]);
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  bytesOf = (file) => output?.inputs[file]?.bytesInOutput ?? 0;
  bundled = Object.entries(output?.inputs ?? {}).flatMap(([file, { bytesInOutput }]) =>
    bytesInOutput > 0 ? [file] : [],
  );
  probe = createRequire(import.meta.url)(join(dir, 'probe.js')) as Probe;
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ headers: request.headers, body });
      if (String(request.headers['x-amz-target']).startsWith('AmazonSSM.')) {
        // An SSM error the bundle does not register (see deploy/esbuild.config.cjs).
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'not for you' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(snsAnswer(body));
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
  await Promise.all([ssm?.close(), dynamo?.close(), invoke?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function useEnvironmentCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = accessKey;
  process.env.AWS_SECRET_ACCESS_KEY = 'probe-secret';
  process.env.AWS_SESSION_TOKEN = 'probe-session';
}

async function invokeEndpoint(): Promise<string> {
  const { protocol, hostname, port } = (await invoke.client.config.endpoint?.()) ?? {};
  return `${protocol}//${hostname}:${port}`;
}

describe('AWS credentials in a Lambda bundle', () => {
  it('signs with the credentials Lambda puts in the environment', async () => {
    useEnvironmentCredentials();
    const result = await probe.publishOnce(endpoint);
    expect(result).toMatchObject({ MessageId: 'm-1' });
    expect(seen.at(-1)?.headers.authorization).toContain(`Credential=${accessKey}/`);
    expect(seen.at(-1)?.headers['x-amz-security-token']).toBe('probe-session');
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

describe('the AWS SDK in a Lambda bundle, without event streams', () => {
  it('leaves the event-stream codec out, and with it the lazily initialised checksum index (CRC32, MD5)', () => {
    expect(
      bundled.filter((file) => file.includes('/@smithy/core/dist-es/submodules/event-streams/')),
    ).toEqual([]);
    expect(bundled.filter((file) => /\/submodules\/checksum\/(crc32|md5|index)/.test(file))).toEqual([]);
    // What the signer does use is still there.
    expect(bundled.some((file) => file.endsWith('/submodules/checksum/sha256/Sha256Node.js'))).toBe(true);
  });

  it('publishes a batch to SNS (the ingest function)', async () => {
    useEnvironmentCredentials();
    const result = await probe.publishBatch(endpoint);
    expect(result).toMatchObject({ Successful: [{ Id: 'a' }, { Id: 'b' }] });
    const sent = new URLSearchParams(seen.at(-1)?.body);
    expect(sent.get('Action')).toBe('PublishBatch');
    expect(sent.get('PublishBatchRequestEntries.member.2.Message')).toBe('probe b');
  });

  it('reads SSM parameters, and names a missing one by its error (the notifier, Slack and Teams functions)', async () => {
    useEnvironmentCredentials();
    const [one, two] = await probe.readParameters(ssm.endpoint, '/probe/one', ['/probe/one', '/probe/two']);
    expect(one).toMatchObject({ Parameter: { Name: '/probe/one', Value: 'v-one' } });
    expect(two).toMatchObject({
      Parameters: [{ Value: 'v-one' }, { Value: 'v-two' }],
      InvalidParameters: [],
    });
    const [missing] = await probe.readParameters(ssm.endpoint, '/probe/absent', []);
    expect(missing).toMatchObject({ name: 'ParameterNotFound' });
  });

  it('registers only the SSM errors of our calls, and still names any other by its code', async () => {
    // 140 error classes are about 39 KB; the four kept are about 1 KB.
    expect(bytesOf('node_modules/@aws-sdk/client-ssm/dist-es/schemas/schemas_0.js')).toBeGreaterThan(0);
    expect(bytesOf('node_modules/@aws-sdk/client-ssm/dist-es/models/errors.js')).toBeLessThan(3 * 1024);
    useEnvironmentCredentials();
    const [denied] = await probe.readParameters(endpoint, '/probe/one', []);
    expect(denied).toBeInstanceOf(Error);
    expect(denied).toMatchObject({
      name: 'AccessDeniedException',
      message: 'not for you',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('puts, gets, conditionally updates and queries DynamoDB items, with its modeled errors (the trail)', async () => {
    useEnvironmentCredentials();
    const result = await probe.useTable(dynamo.endpoint, dynamo.tableName, 'probe#1');
    expect(result).toEqual({
      got: { pk: { S: 'probe#1' }, sk: { S: 'alert' }, n: { N: '1' } },
      updated: { pk: { S: 'probe#1' }, sk: { S: 'alert' }, n: { N: '2' } },
      refused: 'ConditionalCheckFailedException',
      queried: [{ pk: { S: 'probe#1' }, sk: { S: 'alert' }, n: { N: '2' } }],
    });
  });

  it('keeps only the schemas of the operations called (the Lambda client described all 80-odd in 43 KB)', () => {
    expect(bytesOf('node_modules/@aws-sdk/client-lambda/dist-es/schemas/schemas_0.js')).toBeGreaterThan(0);
    expect(bytesOf('node_modules/@aws-sdk/client-lambda/dist-es/schemas/schemas_0.js')).toBeLessThan(
      12 * 1024,
    );
  });

  it('queues an asynchronous Lambda invocation (the Slack function’s deferred reports)', async () => {
    useEnvironmentCredentials();
    const result = await probe.invokeAsync(await invokeEndpoint(), 'eks-audit-slack', { report: 'week' });
    expect(result).toMatchObject({ StatusCode: 202 });
    expect(invoke.invocations.at(-1)).toEqual({
      functionName: 'eks-audit-slack',
      invocationType: 'Event',
      signedForLambda: true,
      payload: { report: 'week' },
    });
  });
});
