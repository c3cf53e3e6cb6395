/**
 * Data for bench/report.ts: a dynalite server in a child process (its own CPU, as DynamoDB is not in the
 * Lambda's process), kept in bench/out/ between runs, and 100,000 realistic alert items written with
 * BatchWriteItem exactly as `createAlert` writes them, with responses applied as `respond` leaves them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AttributeValue, BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { newAlertItem, responseAttr } from '../src/adapters/dynamodb/codec';
import { ensureTable } from '../src/adapters/dynamodb/ensure-table';
import type { Finding, Severity } from '../src/finding/schema';
import type { AlertResponse } from '../src/triage/model';
import { aFinding } from '../test/support/builders';

export const TABLE = 'eks-audit-report-bench';
const DAY = 86_400_000;

/** Starts dynalite (LevelDB in `dir`) in a child Node process; resolves with its endpoint. */
export async function startDynaliteChild(
  dir: string,
): Promise<{ client: DynamoDBClient; endpoint: string; stop(): void }> {
  mkdirSync(dir, { recursive: true });
  const script = `const d=require('dynalite')({path:${JSON.stringify(dir)},createTableMs:0});d.listen(0,'127.0.0.1',()=>console.log(d.address().port))`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`dynalite exited ${code}`)));
  });
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 10,
  });
  await ensureTable(client, TABLE, { pollMs: 20 });
  return { client, endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

const severities: readonly Severity[] = ['info', 'low', 'medium', 'medium', 'high', 'high', 'critical'];
const bob = { platform: 'slack' as const, userId: 'U0BOB', name: 'bob', email: 'bob@example.com' };

/** Alert `n` of `count`, spread evenly over the 30 days before `now`: varied clusters, rules, people, outcomes. */
export function benchFinding(n: number, count: number, now: Date): Finding {
  const time = new Date(now.getTime() - 30 * DAY + Math.floor(((n + 0.5) * 30 * DAY) / count)).toISOString();
  const person = n % 300;
  return aFinding({
    id: `f-bench-${String(n).padStart(6, '0')}`,
    time,
    severity: severities[n % severities.length] as Severity,
    outcome: n % 20 === 0 ? 'denied' : 'allowed',
    summary: `user${person}@example.com deleted secret kube-system/db-creds-${n % 97} on prod-${n % 5}`,
    where: { cluster: `prod-${n % 5}` },
    rule: { id: `rule-${n % 40}`, title: `Rule ${n % 40}`, severity: 'high' },
    actor: { displayName: `user${person}@example.com`, email: `user${person}@example.com` },
  });
}

/** The item as the trail holds it after `createAlert` and the responses (as `respond` would append them). */
export function benchItem(n: number, count: number, now: Date): Record<string, AttributeValue> {
  const finding = benchFinding(n, count, now);
  const created = new Date(Date.parse(finding.time) + 2000);
  const item = newAlertItem(
    finding.id,
    finding,
    created.toISOString(),
    Math.floor(created.getTime() / 1000) + 400 * 86_400,
  );
  const at = (minutes: number) => new Date(created.getTime() + minutes * 60_000).toISOString();
  const responses: AlertResponse[] = [];
  if (n % 5 < 3) responses.push({ action: 'acknowledge', by: bob, at: at(1 + (n % 90)) });
  if (n % 7 === 0)
    responses.push({ action: 'justify', by: bob, at: at(5 + (n % 300)), text: 'planned change, see ticket' });
  if (n % 50 === 0)
    responses.push({ action: 'escalate', by: bob, at: at(10), text: 'nobody knows who did this' });
  if (responses.length === 0) return item;
  const { openShard: _o, openSince: _s, ...answered } = item;
  const first = (action: string) => responses.find((r) => r.action === action);
  const ack = first('acknowledge');
  const esc = first('escalate');
  return {
    ...answered,
    responses: { L: responses.map(responseAttr) },
    justifications: { N: String(responses.filter((r) => r.action === 'justify').length) },
    ...(ack ? { acknowledged: responseAttr(ack) } : {}),
    ...(esc ? { escalated: responseAttr(esc) } : {}),
  };
}

/** Writes `count` items (25 per BatchWriteItem, `parallel` at once), unless `dir` says it already holds them. */
export async function loadItems(
  client: DynamoDBClient,
  dir: string,
  count: number,
  now: Date,
): Promise<number | undefined> {
  const marker = join(dir, `loaded-${count}-${now.toISOString().slice(0, 10)}.txt`);
  if (existsSync(marker)) return undefined;
  const started = performance.now();
  let next = 0;
  const writer = async () => {
    while (next < count) {
      const batch = Array.from({ length: Math.min(25, count - next) }, () => benchItem(next++, count, now));
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: requests } }));
        requests = (result.UnprocessedItems?.[TABLE] ?? []) as typeof requests;
      }
      if (next % 10_000 < 25) process.stderr.write(`  loaded ${next}\n`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, writer));
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(marker, `${count} items in ${seconds.toFixed(1)} s\n`);
  return seconds;
}
