/**
 * Ingest benchmark (issue 3): one CloudWatch Logs subscription batch of realistic EKS audit events (about 1 MB
 * decompressed, see bench/ingest-batch.ts) through
 *   (a) the bare minimum: base64 decode, gunzip, JSON.parse of the payload and of every event's message;
 *   (b) the whole ingest path, `ingestCloudWatchEvent`: decode, parse, validate, normalise, classify, rules,
 *       findings, logging, and the SNS messages built exactly as the SNS adapter builds them (JSON, Subject,
 *       attributes, batches of 10 / 256 KiB) but not sent.
 * Prints events per second of each (median of interleaved rounds after a warm-up), the ratio (b)/(a) (target
 * >= 0.5) and the peak memory (target < 128 MB). Measured in a separate process (bench/ingest-child.ts) that
 * holds only the encoded event and the ingest code, so the figures are of ingest alone: under
 * `node --import tsx`, then as an esbuild bundle under plain node (the code the Lambda runs), with V8's default
 * limits and with those of a 128 MB Lambda function.
 *
 *   npx tsx bench/ingest.ts [rounds=25] [warmup=5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { benchBatch } from './ingest-batch';
import type { Measurement } from './ingest-child';

const MB = 1024 * 1024;
/**
 * The V8 limits the Lambda Node.js runtime's bootstrap derives from the function's memory (new space a tenth of
 * it, each semi-space half of that, old space the rest), here for 128 MB.
 */
const LAMBDA_128_MB_FLAGS = ['--max-semi-space-size=6', '--max-old-space-size=115'] as const;
const root = fileURLToPath(new URL('..', import.meta.url));
const childSource = fileURLToPath(new URL('./ingest-child.ts', import.meta.url));

function run(args: readonly string[]): Measurement {
  const child = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * MB,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  if (child.status !== 0) throw new Error(`the measuring process failed (exit ${child.status})`);
  return JSON.parse(child.stdout) as Measurement;
}

async function bundleChild(dir: string): Promise<string> {
  const outfile = join(dir, 'ingest-child.mjs');
  await build({
    entryPoints: [childSource],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    // CommonJS dependencies (yaml) require Node built-ins; an ESM bundle needs a require for them.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const perSecond = (m: Measurement, ms: number) =>
  `${Math.round((m.logEvents / ms) * 1000).toLocaleString('en')} events/s`;

function reportTimes(label: string, m: Measurement): void {
  console.log(`${label}:`);
  console.log(`  (a) bare minimum:      ${m.bareMs.toFixed(1).padStart(6)} ms  ${perSecond(m, m.bareMs)}`);
  console.log(`  (b) whole ingest path: ${m.wholeMs.toFixed(1).padStart(6)} ms  ${perSecond(m, m.wholeMs)}`);
  console.log(
    `  ratio (b)/(a): ${m.ratio.toFixed(2)} (target >= 0.50)  ${m.ratio >= 0.5 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  peak memory: ${mb(m.peak.maxRss)} max RSS (target < 128 MB) ${m.peak.maxRss < 128 * MB ? 'MET' : 'MISSED'}, ${mb(m.peak.heapUsed)} max heap used`,
  );
  console.log(
    `    for comparison: ${mb(m.baseline.rss)} RSS after loading the code; ${mb(m.bareMaxRss)} max RSS after running only (a)`,
  );
}

const rounds = process.argv[2] ?? '25';
const warmup = process.argv[3] ?? '5';
const batch = benchBatch();
const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
try {
  const eventFile = join(dir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(batch.event));
  const viaTsx = run(['--import', 'tsx', childSource, eventFile, rounds, warmup]);
  const bundle = await bundleChild(dir);
  const bundled = run([bundle, eventFile, rounds, warmup]);
  const lambda128 = run([...LAMBDA_128_MB_FLAGS, bundle, eventFile, rounds, warmup]);
  console.log(
    `batch: ${viaTsx.logEvents} log events, ${(batch.payloadBytes / MB).toFixed(2)} MB decompressed, ${(batch.event.awslogs.data.length / 1024).toFixed(0)} KB as base64 gzip; ${viaTsx.findings} findings; skipped ${JSON.stringify(viaTsx.skipped)}`,
  );
  reportTimes('node --import tsx (the sources)', viaTsx);
  reportTimes('node, esbuild bundle (the Lambda code)', bundled);
  reportTimes(`the bundle with a 128 MB Lambda's V8 limits (${LAMBDA_128_MB_FLAGS.join(' ')})`, lambda128);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
