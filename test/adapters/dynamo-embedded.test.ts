import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditTrail } from '../../src/adapters/dynamodb/audit-trail';
import { startEmbeddedDynamo } from '../../src/adapters/dynamodb/embedded';
import { aFinding, aResponse } from '../support/builders';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'eks-audit-embedded-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('startEmbeddedDynamo', () => {
  it('keeps alerts and their trail in the data folder across a restart', async () => {
    const tableName = 'eks-audit-trail';
    const first = await startEmbeddedDynamo({ dataDir, tableName });
    const trail = new DynamoAuditTrail({ client: first.client, tableName });
    const { alert } = await trail.createAlert(aFinding(), new Date('2026-11-20T14:01:10.000Z'));
    await trail.respond(alert.id, aResponse());
    const before = await trail.getAlert(alert.id);
    await first.close();
    expect((await readdir(dataDir)).length).toBeGreaterThan(0);

    const second = await startEmbeddedDynamo({ dataDir, tableName });
    try {
      const reopened = new DynamoAuditTrail({ client: second.client, tableName });
      expect(second.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await reopened.getAlert(alert.id)).toEqual(before);
      expect(before?.status).toBe('acknowledged');
      const again = await reopened.respond(
        alert.id,
        aResponse({ by: { platform: 'cli', userId: 'carol', name: 'carol' } }),
      );
      expect(again).toMatchObject({ ok: false, reason: 'already-acknowledged', by: { userId: 'U0BOB' } });
    } finally {
      await second.close();
    }
  });

  it('runs in memory without a data folder, creating the table', async () => {
    const store = await startEmbeddedDynamo({ tableName: 'in-memory-trail' });
    try {
      const trail = new DynamoAuditTrail({ client: store.client, tableName: store.tableName });
      expect((await trail.createAlert(aFinding(), new Date())).created).toBe(true);
    } finally {
      await store.close();
    }
  });
});
