import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import esbuildConfig from '../../deploy/esbuild.config.cjs';

/*
 * Builds a minimal Bolt app (fixtures/bolt-probe.ts) with the Lambda bundles' esbuild options, and drives it
 * with signed API Gateway events: the receivers trimmed from the bundle are not needed on Lambda.
 */

type LambdaResult = { statusCode: number; body: string };
interface Probe {
  handler(event: unknown, context: unknown, callback: unknown): Promise<LambdaResult>;
  makeSocketModeReceiver(): unknown;
  makeInstallationStore(): unknown;
}

const signingSecret = 'probe-signing-secret';
let dir: string;
let probe: Probe;
let bundleBytes: number;
/** The packages that put code in the bundle (esbuild also lists files it read and shook out). */
let packages: Set<string>;

beforeAll(async () => {
  // Outside the project: its package.json says "type": "module", which would make Node read CommonJS as ESM.
  dir = mkdtempSync(join(tmpdir(), 'eks-audit-bolt-'));
  const result = await build({
    ...esbuildConfig.esbuildOptions,
    entryPoints: [new URL('fixtures/bolt-probe.ts', import.meta.url).pathname],
    outfile: join(dir, 'probe.js'),
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  bundleBytes = output?.bytes ?? 0;
  packages = new Set(
    Object.entries(output?.inputs ?? {}).flatMap(([file, { bytesInOutput }]) => {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
      return name && bytesInOutput > 0 ? [name] : [];
    }),
  );
  process.env.PROBE_SIGNING_SECRET = signingSecret;
  probe = createRequire(import.meta.url)(join(dir, 'probe.js')) as Probe;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function slashCommand(text: string, secret = signingSecret) {
  const body = new URLSearchParams({
    command: '/eks-audit',
    text,
    user_id: 'U0ALICE',
    team_id: 'T0TEAM',
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path: '/slack/events' } },
  };
}

describe('Bolt in a Lambda bundle', () => {
  it('leaves out Socket Mode, Express and the HTTP receiver (the bundle stays small)', () => {
    console.log(`Bolt probe bundle: ${(bundleBytes / 1024).toFixed(0)} KB minified`);
    expect(bundleBytes).toBeLessThan(160 * 1024);
  });

  it('answers a signed slash command through AwsLambdaReceiver', async () => {
    const response = await probe.handler(slashCommand('pending'), {}, () => {});
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('probe heard: pending');
  });

  it('still rejects a request signed with another secret', async () => {
    const response = await probe.handler(slashCommand('pending', 'forged'), {}, () => {});
    expect(response.statusCode).toBe(401);
  });

  it('says clearly that a trimmed receiver is not in the bundle', () => {
    expect(() => probe.makeSocketModeReceiver()).toThrow(/not in the Lambda bundle/);
  });

  it('leaves out @slack/oauth, and with it jsonwebtoken and semver', () => {
    expect(packages.has('@slack/bolt')).toBe(true);
    expect(['@slack/oauth', 'jsonwebtoken', 'semver', 'jws'].filter((name) => packages.has(name))).toEqual(
      [],
    );
    expect(() => probe.makeInstallationStore()).toThrow(/@slack\/oauth is not in the Lambda bundle/);
  });
});
