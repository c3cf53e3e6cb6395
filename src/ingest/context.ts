import type { SubscriptionBatch } from '../audit/decode/awslogs';
import type { FindingContext } from '../finding/build';

/** The cluster name in findings when neither CLUSTER_NAME nor an EKS log group name gives one. */
export const UNKNOWN_CLUSTER = 'unknown';

/** The deployment's own facts, from the validated environment; the batch adds its log group and owner. */
export interface IngestSettings {
  /** CLUSTER_NAME: overrides the cluster named by the log group `/aws/eks/<cluster>/cluster`. */
  readonly clusterName?: string | undefined;
  /** ACCOUNT_ID: used when the payload's owner is not an account id. */
  readonly accountId?: string | undefined;
  /** ACCOUNT_NAME, shown next to the account id. */
  readonly accountName?: string | undefined;
  /** AWS_REGION: the region the function (and so the log group) runs in. */
  readonly region?: string | undefined;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Where and when the findings of one batch are made. The cluster is CLUSTER_NAME, else the name in the log
 * group, else `unknown`; the account is the payload's owner (the account that owns the log group, right even
 * for a cross-account subscription), else ACCOUNT_ID.
 *
 * @example
 * findingContextOf(batch, { region: 'eu-west-1' }, clock()).cluster; // 'prod-eu' for /aws/eks/prod-eu/cluster
 */
export function findingContextOf(
  batch: Pick<SubscriptionBatch, 'cluster' | 'owner' | 'logGroup' | 'logStream'>,
  settings: IngestSettings,
  now: Date,
): FindingContext {
  const accountId = ACCOUNT_ID.test(batch.owner) ? batch.owner : settings.accountId;
  return {
    cluster: settings.clusterName ?? batch.cluster ?? UNKNOWN_CLUSTER,
    ...(accountId ? { accountId } : {}),
    ...(settings.accountName ? { accountName: settings.accountName } : {}),
    ...(settings.region ? { region: settings.region } : {}),
    ...(batch.logGroup ? { logGroup: batch.logGroup } : {}),
    ...(batch.logStream ? { logStream: batch.logStream } : {}),
    now,
  };
}
