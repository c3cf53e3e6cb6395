/**
 * Ingest benchmark (issue 3): one CloudWatch Logs subscription batch of realistic EKS audit events (about 1 MB
 * decompressed, see bench/ingest-batch.ts) through
 *   (a) the bare minimum: base64 decode, gunzip, JSON.parse of the payload and of every event's message;
 *   (b) the whole ingest path, `ingestCloudWatchEvent`: decode, parse, validate, normalise, classify, rules,
 *       findings, logging, and the SNS messages built exactly as the SNS adapter builds them (JSON, Subject,
 *       attributes, batches of 10 / 256 KiB) but not sent.
 * Prints events per second of each (median of interleaved rounds after a warm-up), the ratio (b)/(a) (target
 * >= 0.5) and the peak memory (target < 128 MB). Measured in a child process (`node --import tsx`) that holds
 * only the encoded event and the ingest code, so the memory figures are of ingest alone.
 *
 *   npx tsx bench/ingest.ts [rounds=25] [warmup=5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { planBatches, prepareEntries } from '../src/adapters/sns/batch-plan';
import { detectionConfigFrom } from '../src/detect/config';
import { loadRuleSet } from '../src/detect/rules/load';
import type { Finding } from '../src/finding/schema';
import { DEFAULT_RULES_YAML } from '../src/ingest/default-rules-text';
import { type IngestDeps, ingestCloudWatchEvent } from '../src/ingest/ingest';
import type { PublishResult } from '../src/ingest/ports';
import { createLogger } from '../src/shared/logger';
import { benchBatch } from './ingest-batch';

/** What the child reports to the parent. */
interface Measurement {
  readonly logEvents: number;
  readonly findings: number;
  readonly skipped: Record<string, number>;
  readonly bareMs: number;
  readonly wholeMs: number;
  readonly ratio: number;
  readonly baseline: { readonly rss: number; readonly heapUsed: number };
  /** Max RSS after running only the bare minimum. */
  readonly bareMaxRss: number;
  readonly peak: { readonly maxRss: number; readonly rss: number; readonly heapUsed: number };
}

const MB = 1024 * 1024;

function bareMinimum(data: string): number {
  const payload = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as {
    logEvents: { message: string }[];
  };
  let parsed = 0;
  for (const logEvent of payload.logEvents) if (JSON.parse(logEvent.message) !== null) parsed++;
  return parsed;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(file: string, rounds: number, warmup: number): Promise<Measurement> {
  const event = JSON.parse(readFileSync(file, 'utf8')) as { awslogs: { data: string } };
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  };
  // Serialises each finding as the SNS adapter does, then samples memory: the decoded batch is still alive here.
  const publisher = {
    async publish(findings: readonly Finding[]): Promise<PublishResult> {
      const { entries } = prepareEntries(findings);
      planBatches(entries);
      sample();
      return { published: entries.length, failed: 0, failures: [] };
    },
  };
  const deps: IngestDeps = {
    publisher,
    ruleSet: loadRuleSet(DEFAULT_RULES_YAML, 'default rules'),
    detection: detectionConfigFrom({}),
    settings: { region: 'eu-west-1', accountName: 'bench' },
    clock: () => new Date('2026-11-20T14:01:09.000Z'),
    logger: createLogger({ level: 'info', write: () => {} }),
  };
  const whole = () => ingestCloudWatchEvent(event, deps);
  const baselineUsage = process.memoryUsage();
  // The bare minimum alone first: what any reader of this batch costs in memory, for comparison.
  for (let i = 0; i < warmup + rounds; i++) bareMinimum(event.awslogs.data);
  const bareMaxRss = process.resourceUsage().maxRSS * 1024;
  for (let i = 0; i < warmup; i++) await whole();
  const bare: number[] = [];
  const full: number[] = [];
  let summary = await whole();
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    bareMinimum(event.awslogs.data);
    bare.push(performance.now() - start);
    start = performance.now();
    summary = await whole();
    full.push(performance.now() - start);
    sample();
  }
  return {
    logEvents: summary.events,
    findings: summary.findings,
    skipped: { ...summary.skipped },
    bareMs: median(bare),
    wholeMs: median(full),
    // Per round, so a machine busy with something else slows both sides of each ratio alike.
    ratio: median(bare.map((ms, i) => ms / (full[i] as number))),
    baseline: { rss: baselineUsage.rss, heapUsed: baselineUsage.heapUsed },
    bareMaxRss,
    peak: { maxRss: process.resourceUsage().maxRSS * 1024, ...peak },
  };
}

function report(m: Measurement, gzippedBase64: number, payloadBytes: number): void {
  const perSecond = (ms: number) => `${Math.round((m.logEvents / ms) * 1000).toLocaleString('en')} events/s`;
  const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
  console.log(
    `batch: ${m.logEvents} log events, ${(payloadBytes / MB).toFixed(2)} MB decompressed, ${(gzippedBase64 / 1024).toFixed(0)} KB base64 gzip; ${m.findings} findings; skipped ${JSON.stringify(m.skipped)}`,
  );
  console.log(
    `(a) bare minimum (base64, gunzip, JSON.parse payload + messages): ${m.bareMs.toFixed(1)} ms  ${perSecond(m.bareMs)}`,
  );
  console.log(
    `(b) whole ingest path (SNS messages built, not sent):          ${m.wholeMs.toFixed(1)} ms  ${perSecond(m.wholeMs)}`,
  );
  console.log(
    `ratio (b)/(a) speed: ${m.ratio.toFixed(2)} (target >= 0.50)  ${m.ratio >= 0.5 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `peak memory of the ingest process: ${mb(m.peak.maxRss)} max RSS, ${mb(m.peak.heapUsed)} heap used (target < 128 MB)  ${m.peak.maxRss < 128 * MB ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  for comparison: ${mb(m.baseline.rss)} RSS (${mb(m.baseline.heapUsed)} heap) after loading node, tsx and the modules; ${mb(m.bareMaxRss)} max RSS after running only the bare minimum`,
  );
}

const [, self, flag, file, ...rest] = process.argv;
if (flag === '--child' && file) {
  const [rounds, warmup] = rest.map(Number);
  process.stdout.write(JSON.stringify(await measure(file, rounds ?? 25, warmup ?? 5)));
} else {
  const rounds = Number(process.argv[2] ?? 25);
  const warmup = Number(process.argv[3] ?? 5);
  const batch = benchBatch();
  const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  try {
    const eventFile = join(dir, 'event.json');
    writeFileSync(eventFile, JSON.stringify(batch.event));
    const script = self ?? fileURLToPath(import.meta.url);
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, '--child', eventFile, String(rounds), String(warmup)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 16 * MB,
      },
    );
    if (child.status !== 0) throw new Error(`the measuring process failed (exit ${child.status})`);
    report(JSON.parse(child.stdout) as Measurement, batch.event.awslogs.data.length, batch.payloadBytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
