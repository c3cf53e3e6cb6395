/**
 * The measuring process of bench/ingest.ts: reads one encoded subscription event from a file, times the bare
 * minimum and the whole ingest path on it, samples memory, and prints the figures as JSON. Run by the parent
 * under `node --import tsx`, and as an esbuild bundle under plain node (as on Lambda).
 *
 *   node --import tsx bench/ingest-child.ts EVENT_FILE [rounds] [warmup]
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { planBatches, prepareEntries } from '../src/adapters/sns/batch-plan';
import { detectionConfigFrom } from '../src/detect/config';
import { compilePackedRuleSet } from '../src/detect/rules/packed';
import type { Finding } from '../src/finding/schema';
import { DEFAULT_RULES } from '../src/ingest/default-rules';
import { type IngestDeps, ingestCloudWatchEvent } from '../src/ingest/ingest';
import type { PublishResult } from '../src/ingest/ports';
import { createLogger } from '../src/shared/logger';

/** What the measuring process reports. */
export interface Measurement {
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

/**
 * Runs both paths on the event in `file`: the bare minimum alone (for its memory), a warm-up, `rounds` timed
 * rounds interleaving the two, then a few untimed rounds of the whole path that sample memory mid-invocation.
 */
export async function measure(file: string, rounds: number, warmup: number): Promise<Measurement> {
  const event = JSON.parse(readFileSync(file, 'utf8')) as { awslogs: { data: string } };
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  };
  // Serialises each finding as the SNS adapter does. In the memory rounds it also samples memory here, where
  // the decoded batch is still alive; never in timed rounds (reading the RSS costs a millisecond or more).
  let sampling = false;
  const publisher = {
    async publish(findings: readonly Finding[]): Promise<PublishResult> {
      const { entries } = prepareEntries(findings);
      planBatches(entries);
      if (sampling) sample();
      return { published: entries.length, failed: 0, failures: [] };
    },
  };
  const deps: IngestDeps = {
    publisher,
    ruleSet: compilePackedRuleSet(DEFAULT_RULES, 'default rules'),
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
  }
  sampling = true;
  for (let i = 0; i < warmup; i++) await whole();
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

const [, , file, rounds, warmup] = process.argv;
if (!file) throw new Error('usage: bench/ingest-child.ts EVENT_FILE [rounds] [warmup]');
process.stdout.write(JSON.stringify(await measure(file, Number(rounds ?? 25), Number(warmup ?? 5))));
