/**
 * Detection benchmark: a CloudWatch Logs subscription batch of realistic EKS audit events (about 1 MB
 * decompressed, mostly control-plane and controller traffic, a few people, every request logged at two stages)
 * through the pure path, compared with the bare minimum on the same batch (gunzip, JSON.parse of the payload
 * and of every event's message). Prints events per second of:
 *   - bare minimum;
 *   - decode + normalise (the audit module: envelope, zod validation, normalised view);
 *   - detect alone (dedupe, classify, rules, findings) on already-normalised events;
 *   - the whole pure path (gunzip + decode + normalise + detect).
 * Target (issue 3): whole path at least half as fast as the bare minimum, i.e. ratio >= 0.5.
 *
 * Each figure is the fastest of `rounds` runs (the machine is shared).
 *
 *   npx tsx bench/detect.ts [rounds=30]
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { DEFAULT_RULES_FILE, readRuleSetFile } from '../src/adapters/fs/rules-file';
import { decodeSubscriptionPayload, normalizeAuditEvent } from '../src/audit';
import { DetectionConfigSchema } from '../src/detect/config';
import { type DetectInput, detect } from '../src/detect/detect';
import { alice, anAuditEvent, aPod, node, serviceAccount } from '../test/support/audit-builders';

const ROUNDS = Number(process.argv[2] ?? 30);

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const users = [
  node,
  node,
  serviceAccount('kube-system', 'replicaset-controller'),
  serviceAccount('argocd', 'argocd-application-controller'),
  serviceAccount('karpenter', 'karpenter'),
  { username: 'eks:k8s-metrics', groups: ['system:authenticated'] },
  { username: 'system:kube-scheduler', groups: [] },
  alice,
];
const verbs = ['get', 'get', 'list', 'watch', 'watch', 'update', 'patch', 'create', 'delete'];
const resources = [
  'pods',
  'configmaps',
  'leases',
  'secrets',
  'endpoints',
  'deployments',
  'rolebindings',
  'nodes',
];
const namespaces = ['kube-system', 'default', 'payments', 'argocd', 'karpenter'];

function batchEvents(targetBytes: number): string[] {
  const messages: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const resource = pick(resources);
    const namespace = pick(namespaces);
    const verb = pick(verbs);
    const withBody = resource === 'pods' && verb === 'create';
    const base = anAuditEvent({
      auditID: `bench-${i}`,
      user: pick(users),
      verb,
      objectRef: { resource, namespace, name: `${resource}-${i % 97}`, apiVersion: 'v1' },
      requestURI: `/api/v1/namespaces/${namespace}/${resource}/${resource}-${i % 97}`,
      ...(withBody ? { level: 'Request', requestObject: aPod({ privileged: rand() < 0.1 }) } : {}),
    });
    for (const stage of ['RequestReceived', 'ResponseComplete']) {
      const message = JSON.stringify({ ...base, stage });
      messages.push(message);
      bytes += message.length;
    }
  }
  return messages;
}

const messages = batchEvents(1_000_000);
const payload = {
  messageType: 'DATA_MESSAGE',
  owner: '111122223333',
  logGroup: '/aws/eks/prod-eu/cluster',
  logStream: 'kube-apiserver-audit-0123456789abcdef',
  subscriptionFilters: ['eks-audit'],
  logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1795179667123 + i, message })),
};
const gz = gzipSync(JSON.stringify(payload));
const ruleSet = readRuleSetFile(DEFAULT_RULES_FILE);
const config = DetectionConfigSchema.parse({});
const context = { cluster: 'prod-eu', now: new Date('2026-11-20T14:01:09.000Z') };

function bare(): number {
  const p = JSON.parse(gunzipSync(gz).toString('utf8')) as typeof payload;
  let n = 0;
  for (const e of p.logEvents) if (JSON.parse(e.message)) n++;
  return n;
}

function decodeAndNormalize(): DetectInput[] {
  const result = decodeSubscriptionPayload(JSON.parse(gunzipSync(gz).toString('utf8')));
  if (!result.ok) throw new Error(result.problem.detail);
  const inputs: DetectInput[] = [];
  for (const item of result.batch.items)
    if (item.ok) inputs.push({ event: normalizeAuditEvent(item.event), message: item.message });
  return inputs;
}

const prepared = decodeAndNormalize();
const detectOnly = () => detect(prepared, ruleSet, config, context).findings.length;
const whole = () => detect(decodeAndNormalize(), ruleSet, config, context).findings.length;

/** The fastest of ROUNDS runs: on a shared machine the minimum is the steadiest estimate of the cost. */
function fastest(fn: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

for (const fn of [bare, decodeAndNormalize, detectOnly, whole]) fn(); // warm up
const ms = {
  bare: fastest(bare),
  decode: fastest(decodeAndNormalize),
  detect: fastest(detectOnly),
  whole: fastest(whole),
};
const perSecond = (t: number) => Math.round((messages.length / t) * 1000).toLocaleString('en');
const result = detect(prepared, ruleSet, config, context);
console.log(
  `batch: ${messages.length} log events, ${(messages.join('').length / 1e6).toFixed(2)} MB decompressed, ${gz.length} bytes gzipped`,
);
console.log(`findings: ${result.stats.findings}; skipped: ${JSON.stringify(result.stats.skipped)}`);
console.log(
  `bare minimum (gunzip + JSON.parse):     ${ms.bare.toFixed(1)} ms  ${perSecond(ms.bare)} events/s`,
);
console.log(
  `decode + normalise (audit module):      ${ms.decode.toFixed(1)} ms  ${perSecond(ms.decode)} events/s`,
);
console.log(
  `detect alone (rules, actors, findings): ${ms.detect.toFixed(1)} ms  ${perSecond(ms.detect)} events/s`,
);
console.log(
  `whole pure path:                        ${ms.whole.toFixed(1)} ms  ${perSecond(ms.whole)} events/s`,
);
console.log(`ratio whole / bare minimum speed: ${(ms.bare / ms.whole).toFixed(2)} (target >= 0.50)`);
console.log(`detect share of the whole path: ${((ms.detect / ms.whole) * 100).toFixed(0)}%`);
