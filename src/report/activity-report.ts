import { type Severity, severities, severityRank } from '../finding/severity';
import type { Alert, AlertStatus } from '../triage/model';
import { type AlertFact, alertFact } from './facts';
import { type CountEntry, Counter, type DurationStats, durationStats } from './stats';
import { type ReportWindow, windowRange } from './window';

/** What a report is asked for. */
export interface ReportOptions {
  readonly window: ReportWindow;
  /** Only this cluster's changes. */
  readonly cluster?: string;
  readonly now: Date;
  /** How many unjustified changes the report names (the count is always complete); default 10. */
  readonly maxExamples?: number;
  /** Stored alerts the source could not read (counted, so the report can say so). */
  readonly skipped?: number;
}

/** A change that happened and that nobody justified. */
export interface UnjustifiedChange {
  readonly id: string;
  readonly changeTime: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly status: AlertStatus;
}

/**
 * The activity report: what changed in a window and what the team did about it. Platform-neutral: the Slack
 * renderer (`renderActivityReport`) and any other one read the same model.
 */
export interface ActivityReport {
  readonly window: ReportWindow;
  /** [from, to), ISO 8601. */
  readonly from: string;
  readonly to: string;
  readonly cluster?: string;
  /** Alerts in the window. */
  readonly total: number;
  /** Of which changes that happened (`allowed`), refused attempts (`denied`), and unknown outcomes. */
  readonly outcomes: Readonly<Record<AlertFact['outcome'], number>>;
  /** Every severity, worst first, zeros included. */
  readonly bySeverity: readonly CountEntry[];
  /** Most frequent first. */
  readonly byRule: readonly CountEntry[];
  readonly byActor: readonly CountEntry[];
  /** Only when the report covers every cluster. */
  readonly byCluster?: readonly CountEntry[];
  readonly byStatus: Readonly<Record<AlertStatus, number>>;
  /** Alerts someone acknowledged, justified or escalated, and their share of `total` (0 to 1; 0 when empty). */
  readonly responded: number;
  readonly respondedShare: number;
  /** From the alert being stored (its card posted) to the first acknowledge, justify or escalate. */
  readonly timeToAcknowledge: DurationStats;
  /** Changes that happened (`allowed`) and were never justified: the count, and the worst, oldest ones. */
  readonly unjustified: { readonly count: number; readonly examples: readonly UnjustifiedChange[] };
  readonly skipped: number;
}

/**
 * Aggregates alerts (full, or their slim facts) into the report of one window, optionally one cluster.
 * Alerts outside the window or cluster are left out, so any superset may be passed in.
 *
 * @example
 * const report = buildReport(alerts, { window: '7d', now: clock() });
 * report.byRule[0]; // { key: 'secret-change-protected-namespace', count: 12 }
 * report.respondedShare; // 0.75
 */
export function buildReport(alerts: Iterable<Alert | AlertFact>, options: ReportOptions): ActivityReport {
  const { from, to } = windowRange(options.window, options.now);
  const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
  const tally = new Tally(Math.max(0, options.maxExamples ?? 10));
  for (const alert of alerts) {
    const fact = 'finding' in alert ? alertFact(alert) : alert;
    if (fact.changeTime < fromIso || fact.changeTime >= toIso) continue;
    if (options.cluster !== undefined && fact.cluster !== options.cluster) continue;
    tally.add(fact);
  }
  return {
    window: options.window,
    from: fromIso,
    to: toIso,
    ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
    ...tally.summary(options.cluster === undefined),
    skipped: options.skipped ?? 0,
  };
}

/** Running counts over the facts of one report. */
class Tally {
  private total = 0;
  private readonly outcomes = { allowed: 0, denied: 0, unknown: 0 };
  private readonly severity = new Counter();
  private readonly rule = new Counter();
  private readonly actor = new Counter();
  private readonly cluster = new Counter();
  private readonly status: Record<AlertStatus, number> = {
    open: 0,
    acknowledged: 0,
    justified: 0,
    escalated: 0,
  };
  private readonly waits: number[] = [];
  private unjustifiedCount = 0;
  /** The worst, oldest unjustified changes so far, best first; at most `maxExamples`. */
  private readonly examples: AlertFact[] = [];

  constructor(private readonly maxExamples: number) {}

  add(fact: AlertFact): void {
    this.total++;
    this.outcomes[fact.outcome]++;
    this.severity.add(fact.severity);
    this.rule.add(fact.ruleId);
    this.actor.add(fact.actor);
    this.cluster.add(fact.cluster);
    this.status[fact.status]++;
    const wait = waitMs(fact);
    if (wait !== undefined) this.waits.push(wait);
    if (fact.outcome === 'allowed' && !fact.justified) this.keepExample(fact);
  }

  /** Keeps the `maxExamples` worst, oldest changes without sorting them all (a month holds 100,000). */
  private keepExample(fact: AlertFact): void {
    this.unjustifiedCount++;
    if (this.maxExamples === 0) return;
    const list = this.examples;
    if (list.length === this.maxExamples && !before(fact, list[list.length - 1] as AlertFact)) return;
    let at = list.length;
    while (at > 0 && before(fact, list[at - 1] as AlertFact)) at--;
    list.splice(at, 0, fact);
    if (list.length > this.maxExamples) list.pop();
  }

  summary(withClusters: boolean) {
    const responded = this.total - this.status.open;
    return {
      total: this.total,
      outcomes: { ...this.outcomes },
      bySeverity: [...severities].reverse().map((key) => ({ key, count: this.severity.get(key) })),
      byRule: this.rule.sorted(),
      byActor: this.actor.sorted(),
      ...(withClusters ? { byCluster: this.cluster.sorted() } : {}),
      byStatus: { ...this.status },
      responded,
      respondedShare: this.total === 0 ? 0 : responded / this.total,
      timeToAcknowledge: durationStats(this.waits),
      unjustified: { count: this.unjustifiedCount, examples: this.examples.map(example) },
    };
  }
}

/** Milliseconds from storing to the first response; a clock skew that makes it negative counts as 0. */
function waitMs(fact: AlertFact): number | undefined {
  if (fact.firstResponseAt === undefined) return undefined;
  const wait = Date.parse(fact.firstResponseAt) - Date.parse(fact.createdAt);
  return Number.isNaN(wait) ? undefined : Math.max(0, wait);
}

/** True when `x` comes before `y`: the most severe first, then the oldest (what an auditor asks about first). */
function before(x: AlertFact, y: AlertFact): boolean {
  const bySeverity = severityRank[x.severity] - severityRank[y.severity];
  return bySeverity > 0 || (bySeverity === 0 && x.changeTime < y.changeTime);
}

function example({ id, changeTime, severity, summary, status }: AlertFact): UnjustifiedChange {
  return { id, changeTime, severity, summary, status };
}
