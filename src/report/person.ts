import type { Severity } from '../finding/schema';
import type { Alert, AlertStatus } from '../triage/model';
import { type AlertFact, alertFact } from './facts';
import { cardLink, type MessageLinker } from './links';

/** One change a person made, as `/eks-audit user` lists it. */
export interface PersonChange {
  readonly id: string;
  readonly changeTime: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly cluster: string;
  readonly outcome: AlertFact['outcome'];
  readonly status: AlertStatus;
  readonly justified: boolean;
  readonly link?: string;
}

/** One name the person was looked up under, and how many alerts it found. */
export interface PersonKeyMatch {
  readonly key: string;
  readonly count: number;
  /** True when that name has more alerts than were read. */
  readonly more: boolean;
}

/** `/eks-audit user <name or e-mail>`: what one person changed, newest first. */
export interface PersonActivity {
  /** What was typed. */
  readonly query: string;
  /** Every name tried, with what each found (the reader sees which forms matched). */
  readonly keys: readonly PersonKeyMatch[];
  readonly changes: readonly PersonChange[];
  /** True when at least one name has more alerts than were read. */
  readonly more: boolean;
  /** Of the changes read: how many happened (`allowed`) and were never justified. */
  readonly unjustified: number;
  readonly skipped: number;
}

/** The alerts one looked-up name found. */
export interface PersonLookup {
  readonly key: string;
  readonly alerts: readonly Alert[];
  readonly more: boolean;
  readonly skipped: number;
}

/**
 * Merges what each name found into one list, newest first, each alert once.
 *
 * @example
 * buildPersonActivity('alice', [{ key: 'alice', alerts, more: false, skipped: 0 }]).changes.length;
 */
export function buildPersonActivity(
  query: string,
  lookups: readonly PersonLookup[],
  linker?: MessageLinker,
): PersonActivity {
  const byId = new Map<string, PersonChange>();
  for (const lookup of lookups) {
    for (const alert of lookup.alerts) if (!byId.has(alert.id)) byId.set(alert.id, change(alert, linker));
  }
  const changes = [...byId.values()].sort((x, y) =>
    x.changeTime < y.changeTime ? 1 : x.changeTime > y.changeTime ? -1 : 0,
  );
  return {
    query,
    keys: lookups.map(({ key, alerts, more }) => ({ key, count: alerts.length, more })),
    changes,
    more: lookups.some((lookup) => lookup.more),
    unjustified: changes.filter((c) => c.outcome === 'allowed' && !c.justified).length,
    skipped: lookups.reduce((total, lookup) => total + lookup.skipped, 0),
  };
}

function change(alert: Alert, linker: MessageLinker | undefined): PersonChange {
  const fact = alertFact(alert);
  const link = cardLink(alert, linker);
  return {
    id: fact.id,
    changeTime: fact.changeTime,
    severity: fact.severity,
    summary: fact.summary,
    cluster: fact.cluster,
    outcome: fact.outcome,
    status: fact.status,
    justified: fact.justified,
    ...(link ? { link } : {}),
  };
}
