/**
 * Filter-pattern benchmark: the seed project's subscription filter over a few thousand realistic EKS audit
 * events. Prints evaluations per second of the compiled pattern (matchesParsed on pre-parsed events, matches on
 * raw lines) and the cost of evaluation relative to plain JSON.parse of the same events (budget: under 10%).
 *
 *   npx tsx bench/filter-pattern.ts [events=5000] [rounds=20]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFilterPattern, type FilterPattern } from '../src/filter-pattern';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EVENT_COUNT = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 20);

/** Deterministic PRNG (mulberry32), so every run measures the same batch. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USERS = [
  'kubernetes-admin',
  'sre/alice@example.com',
  'ssouser/bob',
  'system:serviceaccount:kube-system:replicaset-controller',
  'system:serviceaccount:argocd:argocd-application-controller',
  'system:node:ip-10-0-12-7.eu-west-1.compute.internal',
  'eks:addon-manager',
  'eks:k8s-metrics',
  'system:kube-scheduler',
  'arn:aws:sts::111122223333:assumed-role/Developer/carol',
];
/** Real audit logs are dominated by reads; writes are a minority. */
const VERBS = ['get', 'get', 'get', 'list', 'list', 'watch', 'watch', 'update', 'patch', 'create', 'delete'];
const NAMESPACES = [
  'kube-system',
  'default',
  'vault',
  'consul',
  'istio-system',
  'payments',
  'argocd',
  undefined,
];
const RESOURCES = [
  'pods',
  'configmaps',
  'leases',
  'secrets',
  'serviceaccounts',
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
  'deployments',
  'endpoints',
];

function corpusEvents(): Record<string, unknown>[] {
  const file = path.resolve(root, '../shared/corpus/audit/ALL_native_k8s_audit_events.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { event: Record<string, unknown> }).event)
    .filter((event) => typeof event.verb === 'string');
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** Takes corpus events as templates and varies who did what where, keeping each event's other fields. */
function realisticBatch(count: number): string[] {
  const templates = corpusEvents();
  const next = random(20261120);
  return Array.from({ length: count }, (_, i) => {
    const event = structuredClone(pick(templates, next));
    const namespace = pick(NAMESPACES, next);
    const resource = pick(RESOURCES, next);
    const verb = pick(VERBS, next);
    const objectRef: Record<string, unknown> = {
      ...((event.objectRef as Record<string, unknown> | undefined) ?? {}),
      resource,
      name: `obj-${i}`,
    };
    if (namespace === undefined) delete objectRef.namespace;
    else objectRef.namespace = namespace;
    const user = {
      ...((event.user as Record<string, unknown> | undefined) ?? {}),
      username: pick(USERS, next),
    };
    const scope = namespace ? `/namespaces/${namespace}` : '';
    return JSON.stringify({
      ...event,
      auditID: `bench-${i.toString(16).padStart(8, '0')}`,
      verb,
      user,
      objectRef,
      requestURI: `/api/v1${scope}/${resource}/obj-${i}`,
      stage: 'ResponseComplete',
      responseStatus: { metadata: {}, code: next() < 0.95 ? 200 : 403 },
    });
  });
}

type Body = () => number;

/**
 * Times each body over the whole batch, interleaved round by round (so a busy machine slows all of them alike),
 * after a warm-up. Returns the median nanoseconds per event of each body, and of each body's ratio to the first.
 */
function timeInterleaved(bodies: readonly Body[]): {
  nsPerEvent: number[];
  ratioToFirst: number[];
  sinks: number[];
} {
  for (let i = 0; i < 3; i++) for (const body of bodies) body();
  const samples = bodies.map(() => [] as number[]);
  const sinks = bodies.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    bodies.forEach((body, b) => {
      const start = process.hrtime.bigint();
      sinks[b] = (sinks[b] as number) + body();
      (samples[b] as number[]).push(Number(process.hrtime.bigint() - start) / EVENT_COUNT);
    });
  }
  const first = samples[0] as number[];
  return {
    nsPerEvent: samples.map(median),
    ratioToFirst: samples.map((s) => median(s.map((ns, round) => ns / (first[round] as number)))),
    sinks,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(pattern: FilterPattern, lines: readonly string[], parsed: readonly unknown[]) {
  const parse: Body = () => {
    let n = 0;
    for (const line of lines) if (JSON.parse(line) !== null) n++;
    return n;
  };
  const evaluate: Body = () => {
    let n = 0;
    for (let i = 0; i < lines.length; i++) if (pattern.matchesParsed(lines[i] as string, parsed[i])) n++;
    return n;
  };
  const raw: Body = () => {
    let n = 0;
    for (const line of lines) if (pattern.matches(line)) n++;
    return n;
  };
  return timeInterleaved([parse, evaluate, raw]);
}

const seed = readFileSync(
  path.join(root, 'test/filter-pattern/fixtures/seed-filter-pattern.txt'),
  'utf8',
).trim();
const lines = realisticBatch(EVENT_COUNT);
const parsed = lines.map((line) => JSON.parse(line) as unknown);
const averageBytes = Math.round(lines.reduce((sum, line) => sum + line.length, 0) / lines.length);
const result = measure(compileFilterPattern(seed), lines, parsed);
const [parseNs, evaluateNs, rawNs] = result.nsPerEvent as [number, number, number];
const matched = (result.sinks[1] as number) / ROUNDS;
const perSecond = (ns: number) => Math.round(1e9 / ns).toLocaleString('en-US');
const row = (label: string, ns: number) =>
  `  ${label.padEnd(30)} ${ns.toFixed(0).padStart(7)} ns/event ${perSecond(ns).padStart(12)} /s`;

console.log(
  `filter-pattern benchmark: the seed pattern (${seed.length} chars) over ${EVENT_COUNT} EKS audit events`,
);
console.log(
  `  events: ${averageBytes} bytes on average; ${matched} of ${EVENT_COUNT} match; median of ${ROUNDS} rounds`,
);
console.log(row('JSON.parse (baseline)', parseNs));
console.log(row('matchesParsed (pre-parsed)', evaluateNs));
console.log(row('matches (raw line, parses)', rawNs));
const ratio = (result.ratioToFirst[1] as number) * 100;
console.log(
  `  evaluation / JSON.parse: ${ratio.toFixed(2)}% (budget: under 10%) ${ratio < 10 ? 'OK' : 'OVER BUDGET'}`,
);
