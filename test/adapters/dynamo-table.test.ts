import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../src/adapters/dynamodb/ensure-table';
import {
  auditTableDefinition,
  cloudFormationTableProperties,
  createTableInput,
} from '../../src/adapters/dynamodb/table';
import { startTestDynamo, type TestDynamo } from '../support/dynamo';

let dynamo: TestDynamo;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(() => dynamo.close());

describe('audit table definition', () => {
  it('gives CloudFormation the same keys and indexes as the local table, plus recovery, protection, TTL, KMS', () => {
    const properties = cloudFormationTableProperties();
    const local = createTableInput('x');
    for (const field of ['KeySchema', 'AttributeDefinitions', 'GlobalSecondaryIndexes'] as const) {
      expect(properties[field]).toEqual(local[field]);
    }
    expect(properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
    expect(properties).not.toHaveProperty('TableName');
    expect(
      cloudFormationTableProperties({ tableName: 't', deletionProtection: false, kmsKeyArn: 'arn:k' }),
    ).toMatchObject({
      TableName: 't',
      DeletionProtectionEnabled: false,
      SSESpecification: { KMSMasterKeyId: 'arn:k' },
    });
  });

  it('defines every index key attribute exactly once', () => {
    const definition = auditTableDefinition();
    const used = new Set(
      [definition.KeySchema, ...definition.GlobalSecondaryIndexes.map((i) => i.KeySchema ?? [])].flatMap(
        (keys) => keys.map((k) => k.AttributeName),
      ),
    );
    expect(definition.AttributeDefinitions.map((a) => a.AttributeName).sort()).toEqual([...used].sort());
  });
});

describe('ensureTable', () => {
  it('creates a missing table with its indexes, and leaves an existing one alone', async () => {
    await ensureTable(dynamo.client, 'ensure-me');
    await ensureTable(dynamo.client, 'ensure-me');
    const described = await dynamo.client.send(new DescribeTableCommand({ TableName: 'ensure-me' }));
    expect(described.Table?.TableStatus).toBe('ACTIVE');
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual([
      'byActor',
      'byCluster',
      'byTime',
      'open',
      'reportByTime',
    ]);
  });
});
