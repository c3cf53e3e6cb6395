import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAlertFacts, daySegments } from '../../src/adapters/dynamodb/alert-facts';
import type { Finding } from '../../src/finding/schema';
import { alertFact } from '../../src/report/facts';
import { aFinding, aResponse } from '../support/builders';
import { aTrail, recordCommands, startTestDynamo, type TestDynamo } from '../support/dynamo';

/**
 * 60 alerts, one every 13 hours from 20 October 2026 (across the November month bucket), on two clusters, by
 * three people, some denied; responses of every kind recorded through the trail itself.
 */
const base = Date.parse('2026-10-20T00:00:00.000Z');
const people = [
  { displayName: 'alice@example.com', email: 'alice@example.com' },
  { displayName: 'Carol', email: undefined, sessionName: undefined },
  { displayName: 'dave@example.com', email: 'dave@example.com' },
];
const findings: Finding[] = Array.from({ length: 60 }, (_, n) =>
  aFinding({
    id: `f-r-${String(n).padStart(2, '0')}`,
    time: new Date(base + n * 13 * 3_600_000 + 7).toISOString(),
    where: { cluster: n % 2 === 0 ? 'prod-eu' : 'staging' },
    actor: people[n % 3] as (typeof people)[number],
    severity: (['low', 'medium', 'high', 'critical'] as const)[n % 4] as Finding['severity'],
    outcome: n % 7 === 0 ? 'denied' : 'allowed',
  }),
);
const storedAt = (f: Finding) => new Date(Date.parse(f.time) + 3000);
const minutesAfter = (f: Finding, m: number) => new Date(storedAt(f).getTime() + m * 60_000).toISOString();

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo({ tableName: 'eks-audit-facts' });
  const trail = aTrail(dynamo);
  await Promise.all(findings.map((f) => trail.createAlert(f, storedAt(f))));
  for (const [n, f] of findings.entries()) {
    if (n % 3 === 0) await trail.respond(f.id, aResponse({ at: minutesAfter(f, n) }));
    if (n % 4 === 0)
      await trail.respond(
        f.id,
        aResponse({ action: 'justify', text: 'planned', at: minutesAfter(f, n + 1) }),
      );
    if (n % 10 === 0)
      await trail.respond(f.id, aResponse({ action: 'escalate', text: 'why?', at: minutesAfter(f, n + 2) }));
  }
});
afterAll(() => dynamo.close());

const from = new Date('2026-10-25T00:00:00.000Z');
const to = new Date('2026-11-24T00:00:00.000Z');

/** The facts the full alerts give, through the trail's own listing: the reference the slim index must match. */
async function expectedFacts(cluster?: string) {
  const trail = aTrail(dynamo);
  const page = await trail.listByTimeRange({ from, to, limit: 1000, ...(cluster ? { cluster } : {}) });
  return page.items.map(alertFact);
}

describe('DynamoAlertFacts', () => {
  it('reads the same facts from the slim index as the full alerts give, in time order', async () => {
    const facts = new DynamoAlertFacts({ client: dynamo.client, tableName: dynamo.tableName });
    const result = await facts.listFacts({ from, to });
    const expected = await expectedFacts();
    expect(expected.length).toBeGreaterThan(40);
    expect(result).toEqual({ facts: expected, skipped: 0 });
    const statuses = new Set(result.facts.map((f) => f.status));
    expect(statuses).toEqual(new Set(['open', 'acknowledged', 'justified', 'escalated']));
  });

  it('narrows to one cluster', async () => {
    const facts = new DynamoAlertFacts({
      client: dynamo.client,
      tableName: dynamo.tableName,
      concurrency: 2,
    });
    const result = await facts.listFacts({ from, to, cluster: 'staging' });
    expect(result.facts).toEqual(await expectedFacts('staging'));
  });

  it('reads a window with Queries on the slim index only, one per day, never a Scan', async () => {
    const facts = new DynamoAlertFacts({ client: dynamo.client, tableName: dynamo.tableName });
    const observed = recordCommands(dynamo.client);
    await facts.listFacts({ from, to });
    observed.stop();
    expect(observed.names).toEqual(Array(30).fill('QueryCommand'));
  });

  it('skips and reports an item it cannot read, and still returns the others', async () => {
    const problems: string[] = [];
    const facts = new DynamoAlertFacts({
      client: dynamo.client,
      tableName: dynamo.tableName,
      onInvalidItem: (key, problem) => problems.push(`${key}: ${problem}`),
    });
    const time = '2030-06-01T10:00:00.000Z';
    await aTrail(dynamo).createAlert(aFinding({ id: 'f-r-good', time }), new Date(time));
    const legacy = {
      pk: { S: 'ALERT#f-r-legacy' },
      sk: { S: 'ALERT' },
      timeBucket: { S: 'T#2030-06' },
      timeKey: { S: `${time}#f-r-legacy` },
    };
    await dynamo.client.send(new PutItemCommand({ TableName: dynamo.tableName, Item: legacy }));
    const result = await facts.listFacts({ from: new Date('2030-06-01Z'), to: new Date('2030-06-02Z') });
    expect(result.facts.map((f) => f.id)).toEqual(['f-r-good']);
    expect(result.skipped).toBe(1);
    expect(problems).toEqual(['(no rf): no rf attribute (stored before reports existed?)']);
  });

  it('refuses a bad window or an empty cluster name', async () => {
    const facts = new DynamoAlertFacts({ client: dynamo.client, tableName: dynamo.tableName });
    await expect(facts.listFacts({ from: new Date('x'), to })).rejects.toThrow(/from: not a valid date/);
    await expect(facts.listFacts({ from, to, cluster: ' ' })).rejects.toThrow(/cluster/);
    expect(() => new DynamoAlertFacts({ client: dynamo.client, tableName: 't', concurrency: 0 })).toThrow(
      /concurrency/,
    );
  });
});

describe('daySegments', () => {
  it('cuts a window at UTC midnights, so no piece spans two month buckets', () => {
    expect(daySegments(new Date('2026-10-31T18:00:00Z'), new Date('2026-11-01T06:00:00Z'))).toEqual([
      { from: '2026-10-31T18:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
      { from: '2026-11-01T00:00:00.000Z', to: '2026-11-01T06:00:00.000Z' },
    ]);
    expect(daySegments(new Date('2026-11-01Z'), new Date('2026-11-01Z'))).toEqual([]);
  });
});
