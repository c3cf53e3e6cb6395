import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
} from '@aws-sdk/client-dynamodb';

/**
 * The audit-trail table, defined once: `createTableInput` (local store, tests) and
 * `cloudFormationTableProperties` (serverless.yml) are both built from these constants, so the deployed table
 * and the local one cannot drift. Only type imports here: the file is data, loadable by any tool.
 *
 * Items (one table, single-table design):
 * - the alert: `pk = ALERT#<id>`, `sk = ALERT`; holds the finding, the accepted responses and the cards;
 * - a refused attempt: `pk = ALERT#<id>`, `sk = REFUSAL#<time>#<uuid>`; one item each, so a flood of refused
 *   clicks never grows the alert item towards DynamoDB's 400 KB limit.
 *
 * Indexes (every listing is a Query on one of them, never a Scan):
 * - `open`: sparse; `openShard = OPEN` and `openSince = <change time>#<id>` exist only while nobody has
 *   responded. One constant partition: open alerts are few and written at human speed, far below a
 *   partition's 1,000 writes per second.
 * - `byTime`: `timeBucket = T#yyyy-mm` (month of the change), `timeKey = <change time>#<id>`. Month buckets
 *   make 30 days one or two Queries while keeping any one partition to a month of alerts.
 * - `byActor`: `actorKey = A#<e-mail or display name, lower case>`, `timeKey`.
 * - `byCluster`: `clusterKey = C#<cluster>`, `timeKey`.
 * These four project ALL so that a listing needs no second read.
 * - `reportByTime`: the same keys as `byTime`, projecting only what reports read (`reportProjection`): the
 *   packed report fact `rf` and the attributes responses change. A 30-day report over 100,000 alerts reads
 *   about 40 MB less than through `byTime`, and decodes one short string per alert instead of a finding.
 */
export const auditTableAttributes = {
  partitionKey: 'pk',
  sortKey: 'sk',
  openShard: 'openShard',
  openSince: 'openSince',
  timeBucket: 'timeBucket',
  timeKey: 'timeKey',
  actorKey: 'actorKey',
  clusterKey: 'clusterKey',
  /** Epoch seconds; DynamoDB TTL deletes the item some time after. */
  expiresAt: 'expiresAt',
} as const;

/** The index names, as queries refer to them. */
export const auditTableIndexes = {
  open: 'open',
  byTime: 'byTime',
  byActor: 'byActor',
  byCluster: 'byCluster',
  reportByTime: 'reportByTime',
} as const;
/** One of the index names. */
export type AuditTableIndex = (typeof auditTableIndexes)[keyof typeof auditTableIndexes];

const a = auditTableAttributes;

/** Each index with its hash and range attribute. */
export const auditIndexKeys: Readonly<Record<AuditTableIndex, { hash: string; range: string }>> = {
  open: { hash: a.openShard, range: a.openSince },
  byTime: { hash: a.timeBucket, range: a.timeKey },
  byActor: { hash: a.actorKey, range: a.timeKey },
  byCluster: { hash: a.clusterKey, range: a.timeKey },
  reportByTime: { hash: a.timeBucket, range: a.timeKey },
};

/**
 * The non-key attributes `reportByTime` projects: the report fact (src/adapters/dynamodb/report-fact.ts), the
 * cluster (a report on one cluster filters on it), and what responses change (status, time to acknowledge).
 */
export const reportProjection = ['rf', 'cluster', 'justifications', 'acknowledged', 'escalated', 'responses'];

function projection(index: string): GlobalSecondaryIndex['Projection'] {
  return index === auditTableIndexes.reportByTime
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...reportProjection] }
    : { ProjectionType: 'ALL' };
}

function keySchema(hash: string, range: string): KeySchemaElement[] {
  return [
    { AttributeName: hash, KeyType: 'HASH' },
    { AttributeName: range, KeyType: 'RANGE' },
  ];
}

/** Key schema, attribute definitions and indexes, as both DynamoDB and CloudFormation spell them. */
export function auditTableDefinition(): {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  GlobalSecondaryIndexes: GlobalSecondaryIndex[];
} {
  const keyed = [a.partitionKey, a.sortKey, a.openShard, a.openSince, a.timeBucket, a.timeKey, a.actorKey];
  return {
    KeySchema: keySchema(a.partitionKey, a.sortKey),
    AttributeDefinitions: [...keyed, a.clusterKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    GlobalSecondaryIndexes: Object.entries(auditIndexKeys).map(([name, key]) => ({
      IndexName: name,
      KeySchema: keySchema(key.hash, key.range),
      Projection: projection(name),
    })),
  };
}

/**
 * The CreateTable request for a local store or a test (on-demand billing; TTL is not part of CreateTable,
 * and the local servers do not expire items anyway).
 *
 * @example
 * await client.send(new CreateTableCommand(createTableInput('eks-audit-trail')));
 */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return { TableName: tableName, BillingMode: 'PAY_PER_REQUEST', ...auditTableDefinition() };
}

export interface CloudFormationTableOptions {
  /** Omit to let CloudFormation name the table (recommended: the functions get the name from a Ref). */
  readonly tableName?: string;
  /** Default true: a stack update or delete cannot drop the audit trail by accident. */
  readonly deletionProtection?: boolean;
  /** A customer-managed KMS key; by default the AWS-managed key `alias/aws/dynamodb`. */
  readonly kmsKeyArn?: string;
}

/**
 * The `Properties` of the `AWS::DynamoDB::Table` resource: the same keys and indexes, plus point-in-time
 * recovery, deletion protection, TTL on `expiresAt`, on-demand billing and encryption with KMS.
 *
 * @example
 * resources: { Resources: { AuditTable: { Type: 'AWS::DynamoDB::Table', Properties: cloudFormationTableProperties() } } }
 */
export function cloudFormationTableProperties(
  options: CloudFormationTableOptions = {},
): Record<string, unknown> {
  return {
    ...(options.tableName === undefined ? {} : { TableName: options.tableName }),
    BillingMode: 'PAY_PER_REQUEST',
    ...auditTableDefinition(),
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    DeletionProtectionEnabled: options.deletionProtection ?? true,
    TimeToLiveSpecification: { AttributeName: a.expiresAt, Enabled: true },
    SSESpecification: {
      SSEEnabled: true,
      SSEType: 'KMS',
      ...(options.kmsKeyArn === undefined ? {} : { KMSMasterKeyId: options.kmsKeyArn }),
    },
  };
}
