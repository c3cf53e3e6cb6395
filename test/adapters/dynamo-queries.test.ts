import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding/schema';
import type { AlertPage, PageQuery } from '../../src/triage/ports';
import { aFinding, aResponse } from '../support/builders';
import { aTrail, recordCommands, startTestDynamo, type TestDynamo } from '../support/dynamo';

/**
 * 120 alerts, one every 18 hours from 1 September 2026 (three months), on three clusters, by four people;
 * every fifth one acknowledged. Stored in a scrambled order, so that "oldest first" cannot come from
 * insertion order.
 */
const clusters = ['prod-eu', 'prod-us', 'staging'];
const actors = [
  { displayName: 'alice@example.com', email: 'alice@example.com' },
  { displayName: 'Bob@Example.com', email: undefined },
  { displayName: 'carol', email: undefined },
  { displayName: 'dave@example.com', email: 'dave@example.com' },
];
const base = Date.parse('2026-09-01T00:00:00.000Z');
const findings: Finding[] = Array.from({ length: 120 }, (_, n) => {
  const actor = actors[n % 4];
  return aFinding({
    id: `f-q-${String(n).padStart(3, '0')}`,
    time: new Date(base + n * 18 * 3_600_000 + 123).toISOString(),
    where: { cluster: clusters[n % 3] as string },
    actor: { ...actor, sessionName: undefined },
  });
});
const acknowledged = (f: Finding) => Number(f.id.slice(-3)) % 5 === 0;

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo({ tableName: 'eks-audit-queries' });
  const trail = aTrail(dynamo);
  const scrambled = findings.map((_, n) => findings[(n * 37) % findings.length] as Finding);
  await Promise.all(scrambled.map((f) => trail.createAlert(f, new Date(Date.parse(f.time) + 2000))));
  await Promise.all(findings.filter(acknowledged).map((f) => trail.respond(f.id, aResponse())));
});
afterAll(() => dynamo.close());

/** Follows cursors to the end, returning every page. */
async function allPages(list: (q: PageQuery) => Promise<AlertPage>, query: PageQuery): Promise<AlertPage[]> {
  const pages: AlertPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.cursor;
  } while (cursor);
  return pages;
}

const ids = (pages: AlertPage[]) => pages.flatMap((p) => p.items.map((a) => a.id));
const sizes = (pages: AlertPage[]) => pages.map((p) => p.items.length);
const inRange = (from: string, to: string) => (f: Finding) => f.time >= from && f.time < to;
const expectedIds = (keep: (f: Finding) => boolean) => findings.filter(keep).map((f) => f.id);

describe('DynamoAuditTrail: listOpen', () => {
  it('lists alerts nobody responded to, oldest first, in full pages of 25', async () => {
    const trail = aTrail(dynamo);
    const pages = await allPages((q) => trail.listOpen(q), { limit: 25 });
    const expected = expectedIds((f) => !acknowledged(f));
    expect(expected).toHaveLength(96);
    expect(ids(pages)).toEqual(expected);
    expect(sizes(pages)).toEqual([25, 25, 25, 21]);
    expect(pages.every((p) => p.items.every((a) => a.status === 'open'))).toBe(true);
  });

  it('drops an alert from the open list as soon as someone responds', async () => {
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(
      aFinding({ id: 'f-q-new', time: '2020-01-01T00:00:00.000Z' }),
      new Date(),
    );
    expect((await trail.listOpen({ limit: 1 })).items[0]?.id).toBe(alert.id);
    await trail.respond(alert.id, aResponse({ action: 'justify', text: 'test' }));
    expect((await trail.listOpen({ limit: 1 })).items[0]?.id).toBe('f-q-001');
  });
});

describe('DynamoAuditTrail: listByTimeRange', () => {
  const from = new Date('2026-10-10T00:00:00.000Z');
  const to = new Date('2026-11-09T00:00:00.000Z');
  const within = inRange(from.toISOString(), to.toISOString());

  it('lists 30 days across a month boundary in pages, oldest first, to excluded', async () => {
    const trail = aTrail(dynamo);
    const pages = await allPages((q) => trail.listByTimeRange({ ...q, from, to }), { limit: 25 });
    expect(ids(pages)).toEqual(expectedIds(within));
    expect(ids(pages).length).toBeGreaterThan(25);
  });

  it('lists newest first on request', async () => {
    const trail = aTrail(dynamo);
    const pages = await allPages((q) => trail.listByTimeRange({ ...q, from, to }), {
      limit: 7,
      order: 'newest-first',
    });
    expect(ids(pages)).toEqual(expectedIds(within).reverse());
  });

  it('narrows to one cluster', async () => {
    const trail = aTrail(dynamo);
    const pages = await allPages((q) => trail.listByTimeRange({ ...q, from, to, cluster: 'prod-us' }), {
      limit: 4,
    });
    expect(ids(pages)).toEqual(expectedIds((f) => within(f) && f.where.cluster === 'prod-us'));
  });

  it('reads 30 days with one Query per month touched, and never a Scan', async () => {
    const trail = aTrail(dynamo);
    const observed = recordCommands(dynamo.client);
    const page = await trail.listByTimeRange({ from, to, limit: 1000 });
    observed.stop();
    expect(page.items).toHaveLength(expectedIds(within).length);
    expect(observed.names).toEqual(['QueryCommand', 'QueryCommand']);
  });
});

describe('DynamoAuditTrail: listByActor and listByCluster', () => {
  it('finds what one person changed by e-mail, whatever the case', async () => {
    const trail = aTrail(dynamo);
    const pages = await allPages((q) => trail.listByActor({ ...q, actor: ' BOB@example.COM ' }), {
      limit: 10,
    });
    expect(ids(pages)).toEqual(expectedIds((f) => f.actor.displayName === 'Bob@Example.com'));
  });

  it('finds a person without an e-mail by display name, within a time window', async () => {
    const trail = aTrail(dynamo);
    const from = new Date('2026-10-01T00:00:00.000Z');
    const to = new Date('2026-11-01T00:00:00.000Z');
    const pages = await allPages((q) => trail.listByActor({ ...q, actor: 'Carol', from, to }), { limit: 3 });
    const expected = expectedIds(
      (f) => f.actor.displayName === 'carol' && inRange(from.toISOString(), to.toISOString())(f),
    );
    expect(ids(pages)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(3);
  });

  it('lists one cluster over a time range in pages', async () => {
    const trail = aTrail(dynamo);
    const from = new Date('2026-09-01T00:00:00.000Z');
    const to = new Date('2026-12-01T00:00:00.000Z');
    const pages = await allPages((q) => trail.listByCluster({ ...q, cluster: 'staging', from, to }), {
      limit: 25,
    });
    expect(ids(pages)).toEqual(expectedIds((f) => f.where.cluster === 'staging'));
    expect(sizes(pages)).toEqual([25, 15]);
  });

  it('uses only Query for every listing', async () => {
    const trail = aTrail(dynamo);
    const observed = recordCommands(dynamo.client);
    const from = new Date('2026-09-01T00:00:00.000Z');
    const to = new Date('2026-12-01T00:00:00.000Z');
    await allPages((q) => trail.listOpen(q), { limit: 25 });
    await allPages((q) => trail.listByTimeRange({ ...q, from, to }), { limit: 25 });
    await allPages((q) => trail.listByActor({ ...q, actor: 'alice@example.com' }), { limit: 25 });
    await allPages((q) => trail.listByCluster({ ...q, cluster: 'prod-eu', from, to }), { limit: 25 });
    observed.stop();
    expect(observed.names.length).toBeGreaterThan(10);
    expect(new Set(observed.names)).toEqual(new Set(['QueryCommand']));
  });
});

describe('DynamoAuditTrail: listing inputs', () => {
  it('rejects a cursor from another listing, a forged cursor and a bad page size', async () => {
    const trail = aTrail(dynamo);
    const open = await trail.listOpen({ limit: 5 });
    const from = new Date('2026-09-01T00:00:00.000Z');
    const to = new Date('2026-12-01T00:00:00.000Z');
    await expect(trail.listByTimeRange({ from, to, cursor: open.cursor ?? '' })).rejects.toThrow(/cursor/);
    await expect(trail.listOpen({ cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    await expect(trail.listOpen({ limit: 0 })).rejects.toThrow(/limit/);
    await expect(trail.listOpen({ limit: 1001 })).rejects.toThrow(/limit/);
  });

  it('skips and reports an item it cannot read, and still returns the others', async () => {
    const problems: string[] = [];
    const trail = aTrail(dynamo, { onInvalidItem: (key, problem) => problems.push(`${key}: ${problem}`) });
    const good = aFinding({
      id: 'f-q-good',
      time: '2030-06-01T00:00:00.000Z',
      where: { cluster: 'broken-cluster' },
    });
    await trail.createAlert(good, new Date());
    const timeKey = { S: `${good.time}#f-q-bad` };
    const bad = {
      pk: { S: 'ALERT#f-q-bad' },
      sk: { S: 'ALERT' },
      id: { S: 'f-q-bad' },
      clusterKey: { S: 'C#broken-cluster' },
      timeKey,
    };
    await dynamo.client.send(new PutItemCommand({ TableName: dynamo.tableName, Item: bad }));
    const page = await trail.listByCluster({
      cluster: 'broken-cluster',
      from: new Date(0),
      to: new Date('2031-01-01Z'),
    });
    expect(page.items.map((a) => a.id)).toEqual(['f-q-good']);
    expect(page.skipped).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ALERT#f-q-bad: /);
  });
});
