import type { Finding } from '../finding/schema';
import type { Alert, AlertResponse, PostedMessage, Responder } from './model';

/**
 * The audit-trail port: where alerts and everything people did about them are kept. The DynamoDB adapter
 * (`DynamoAuditTrail`) is the real one; the core and the bot only ever see this interface.
 *
 * Semantics every implementation keeps:
 * - `createAlert` is idempotent on `finding.id` (the alert id): a redelivered finding returns the stored alert
 *   with `created: false` and never makes a second one.
 * - `respond` is atomic per alert. Acknowledge and Escalate happen once: of twenty simultaneous clicks, exactly
 *   one gets `ok: true`, the others `already-acknowledged` (or `already-escalated`) naming the first responder.
 *   Justify may be recorded many times (each is appended), up to `triageLimits.maxJustifications`.
 * - The trail is append-only: nothing is ever edited or removed (until retention expires the whole alert).
 * - `Alert.responses` from `getAlert` is the whole trail, refused attempts included. Alerts returned by the
 *   other methods carry the accepted responses only (refused attempts are kept apart so that a flood of them
 *   can never grow the alert record past its size limit).
 */
export interface AuditTrail {
  createAlert(finding: Finding, now: Date): Promise<CreateAlertResult>;
  /** The alert and its whole trail (refused attempts included), or undefined. */
  getAlert(id: string): Promise<Alert | undefined>;
  /** Remembers where a card was posted; recording the same channel and message twice is a no-op. */
  recordMessage(id: string, message: PostedMessage): Promise<StoreResult>;
  /** Records an acknowledge, justify or escalate (never `refused`: use `recordRefusal`). */
  respond(id: string, response: AlertResponse): Promise<RespondResult>;
  /** Records a click the policy refused (`action: 'refused'`, `attempted` and `text` = the reason). */
  recordRefusal(id: string, response: AlertResponse): Promise<StoreResult>;
  /** Alerts nobody has responded to yet, oldest change first. */
  listOpen(query: PageQuery): Promise<AlertPage>;
  /** Alerts whose change happened in [from, to), optionally on one cluster. */
  listByTimeRange(query: TimeRangeQuery): Promise<AlertPage>;
  /** What one person changed: `actor` is an e-mail or a display name, matched case-insensitively. */
  listByActor(query: ActorQuery): Promise<AlertPage>;
  /** Alerts on one cluster whose change happened in [from, to). */
  listByCluster(query: ClusterQuery): Promise<AlertPage>;
}

/** What `createAlert` returns. */
export interface CreateAlertResult {
  readonly alert: Alert;
  /** False when the alert already existed (a redelivery): do not post a second card. */
  readonly created: boolean;
}

/** The outcome of a write the store may turn down. */
export type StoreResult =
  | { readonly ok: true; readonly alert: Alert }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'too-many-messages'; readonly alert: Alert };

/** The outcome of `respond`. */
export type RespondResult =
  | { readonly ok: true; readonly alert: Alert }
  | { readonly ok: false; readonly reason: 'not-found' }
  | {
      readonly ok: false;
      readonly reason: 'already-acknowledged' | 'already-escalated';
      /** Who got there first, and when (ISO 8601). */
      readonly by: Responder;
      readonly at: string;
      readonly alert: Alert;
    }
  | { readonly ok: false; readonly reason: 'too-many-responses'; readonly alert: Alert };

/** Reasons `respond` may refuse, for exhaustive switches. */
export type RespondFailureReason = Extract<RespondResult, { ok: false }>['reason'];

/** Which way a listing runs; every listing defaults to oldest first. */
export type ListOrder = 'oldest-first' | 'newest-first';

/** Paging shared by every listing. */
export interface PageQuery {
  /** Page size, 1 to 1000; default 50. */
  readonly limit?: number;
  /** The `cursor` of the previous page, as returned (opaque). */
  readonly cursor?: string;
  readonly order?: ListOrder;
}

/** `listByTimeRange`: changes in [from, to), optionally on one cluster. */
export interface TimeRangeQuery extends PageQuery {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  readonly cluster?: string;
}

/** `listByActor`: one person's changes, optionally within [from, to). */
export interface ActorQuery extends PageQuery {
  readonly actor: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** `listByCluster`: one cluster's changes in [from, to). */
export interface ClusterQuery extends PageQuery {
  readonly cluster: string;
  readonly from: Date;
  readonly to: Date;
}

/** One page of alerts. No `cursor` means this was the last page. */
export interface AlertPage {
  readonly items: readonly Alert[];
  readonly cursor?: string;
  /** Stored items that could not be read back (counted and reported through the adapter's log hook). */
  readonly skipped: number;
}
