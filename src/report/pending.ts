import type { Severity } from '../finding/schema';
import type { Alert } from '../triage/model';
import { alertFact } from './facts';
import { cardLink, type MessageLinker } from './links';

/** One open alert, as `/eks-audit pending` lists it. */
export interface PendingItem {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly cluster: string;
  readonly ruleId: string;
  /** When the change happened, ISO 8601. */
  readonly changeTime: string;
  /** How long it has been waiting for a response (from when it was stored), in milliseconds. */
  readonly waitingMs: number;
  /** The card, when it can be linked to. */
  readonly link?: string;
}

/** Open alerts, oldest first. */
export interface PendingList {
  readonly items: readonly PendingItem[];
  /** True when there are more open alerts than listed. */
  readonly more: boolean;
  /** Stored alerts that could not be read back (not listed). */
  readonly skipped: number;
}

/** What `buildPendingList` needs besides the alerts. */
export interface PendingOptions {
  readonly now: Date;
  readonly more?: boolean;
  readonly skipped?: number;
  readonly linker?: MessageLinker;
}

/**
 * The pending list from a page of open alerts: only alerts still open, the oldest change first.
 *
 * @example
 * const page = await trail.listOpen({ limit: 20 });
 * buildPendingList(page.items, { now: clock(), more: page.cursor !== undefined, skipped: page.skipped });
 */
export function buildPendingList(alerts: readonly Alert[], options: PendingOptions): PendingList {
  const now = options.now.getTime();
  const items = alerts
    .filter((alert) => alert.status === 'open')
    .map((alert): PendingItem => {
      const fact = alertFact(alert);
      const link = cardLink(alert, options.linker);
      return {
        id: alert.id,
        severity: fact.severity,
        summary: fact.summary,
        cluster: fact.cluster,
        ruleId: fact.ruleId,
        changeTime: fact.changeTime,
        waitingMs: Math.max(0, now - Date.parse(alert.createdAt) || 0),
        ...(link ? { link } : {}),
      };
    })
    .sort((x, y) => (x.changeTime < y.changeTime ? -1 : x.changeTime > y.changeTime ? 1 : 0));
  return { items, more: options.more ?? false, skipped: options.skipped ?? 0 };
}
