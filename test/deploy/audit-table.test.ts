import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditTableJsonPath, auditTableProperties } from '../../scripts/deploy-table';

describe('deploy/audit-table.json', () => {
  it('is what src/adapters/dynamodb/table.ts defines (if not: npx tsx scripts/deploy-table.ts)', () => {
    const committed = readFileSync(new URL(`../../${auditTableJsonPath}`, import.meta.url), 'utf8');
    expect(JSON.parse(committed)).toEqual(auditTableProperties());
  });

  it('turns on point-in-time recovery, deletion protection and TTL', () => {
    expect(auditTableProperties()).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { Enabled: true },
    });
  });
});
