import type { AlertFact } from './facts';

/** Which alerts a report reads: changes in [from, to), optionally on one cluster. */
export interface AlertFactQuery {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly cluster?: string;
}

/** The facts of every alert a query covers, and how many stored alerts could not be read. */
export interface AlertFactsResult {
  readonly facts: readonly AlertFact[];
  readonly skipped: number;
}

/**
 * Where reports read alert facts from. Separate from `AuditTrail` because a report reads every alert of a
 * window (100,000 in a busy month) and needs only a few small fields of each: the DynamoDB adapter
 * (`DynamoAlertFacts`) reads them from a slim index, never decoding the stored findings.
 */
export interface AlertFactSource {
  listFacts(query: AlertFactQuery): Promise<AlertFactsResult>;
}
