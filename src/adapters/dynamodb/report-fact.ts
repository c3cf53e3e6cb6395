import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type Severity, severityRank } from '../../finding/severity';
import { type AlertFact, statusFromMarkers, UNKNOWN_ACTOR } from '../../report/facts';

/**
 * `rf`, the report fact: what reports need of an alert that never changes after it is stored, packed into one
 * string attribute when `createAlert` writes the alert. The `reportByTime` index projects it with the few
 * attributes responses change (see table.ts), so a 30-day report reads one small string per alert instead
 * of decoding 2-3 KB of stored finding: the SDK's per-attribute decoding, not the bytes, is what costs most
 * on 100,000 alerts (README, "The /eks-audit command").
 *
 * Layout (a JSON array, version first, so a later layout can be told apart):
 * `[1, id, changeTime, createdAt, severity, ruleId, cluster, actor, outcome, summary]`.
 */
export const REPORT_FACT_VERSION = 1;

/** The immutable part of an alert's facts. */
export type ReportFactFields = Pick<
  AlertFact,
  'id' | 'changeTime' | 'createdAt' | 'severity' | 'ruleId' | 'cluster' | 'actor' | 'outcome' | 'summary'
>;

/** Summaries are cut to this length in the fact: reports show them on one line. */
const MAX_SUMMARY = 300;

/**
 * Packs the fact attribute.
 *
 * @example
 * packReportFact({ id: 'f-1', changeTime, createdAt, severity: 'high', ... }); // '[1,"f-1",...]'
 */
export function packReportFact(fields: ReportFactFields): string {
  return JSON.stringify([
    REPORT_FACT_VERSION,
    fields.id,
    fields.changeTime,
    fields.createdAt,
    fields.severity,
    fields.ruleId,
    fields.cluster,
    fields.actor,
    fields.outcome,
    fields.summary.slice(0, MAX_SUMMARY),
  ]);
}

const OUTCOMES = new Set(['allowed', 'denied', 'unknown']);

/** A decoded item: the fact, or what is wrong with the item. */
export type FactDecoded = { ok: true; fact: AlertFact } | { ok: false; problem: string };

/**
 * Reads one `reportByTime` item (projected as `factProjection` asks) into an `AlertFact`. Hand-checked rather
 * than through zod: this runs 100,000 times per 30-day report, and every field is a plain string.
 */
export function readReportItem(item: Record<string, AttributeValue>): FactDecoded {
  const packed = item.rf?.S;
  if (packed === undefined) return { ok: false, problem: 'no rf attribute (stored before reports existed?)' };
  let raw: unknown;
  try {
    raw = JSON.parse(packed);
  } catch {
    return { ok: false, problem: 'rf: not valid JSON' };
  }
  if (!Array.isArray(raw) || raw[0] !== REPORT_FACT_VERSION || raw.length !== 10)
    return { ok: false, problem: `rf: not a version ${REPORT_FACT_VERSION} report fact` };
  const [, id, changeTime, createdAt, severity, ruleId, cluster, actor, outcome, summary] = raw as unknown[];
  const strings = [id, changeTime, createdAt, severity, ruleId, cluster, actor, outcome, summary];
  if (!strings.every((value) => typeof value === 'string'))
    return { ok: false, problem: 'rf: a field is not text' };
  if (!Object.hasOwn(severityRank, severity as string))
    return { ok: false, problem: `rf: unknown severity ${String(severity)}` };
  if (!OUTCOMES.has(outcome as string))
    return { ok: false, problem: `rf: unknown outcome ${String(outcome)}` };
  const justified = Number(item.justifications?.N ?? '0') > 0;
  const firstResponseAt = item.responses?.L?.[0]?.M?.at?.S;
  return {
    ok: true,
    fact: {
      id: id as string,
      changeTime: changeTime as string,
      createdAt: createdAt as string,
      severity: severity as Severity,
      ruleId: ruleId as string,
      cluster: cluster as string,
      actor: (actor as string) || UNKNOWN_ACTOR,
      outcome: outcome as AlertFact['outcome'],
      summary: summary as string,
      status: statusFromMarkers({
        acknowledged: item.acknowledged !== undefined,
        justified,
        escalated: item.escalated !== undefined,
      }),
      justified,
      ...(firstResponseAt ? { firstResponseAt } : {}),
    },
  };
}

/**
 * What a report Query asks DynamoDB to return of each item: the fact, the justification counter, and only the
 * time of the first response and of the acknowledge/escalate markers (not their texts).
 */
export const factProjection = {
  ProjectionExpression: 'rf, justifications, responses[0].#at, acknowledged.#at, escalated.#at',
  names: { '#at': 'at' },
} as const;
