import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type Finding, FindingSchema } from '../../finding/schema';
import * as z from '../../shared/zod';
import { actorKey } from '../../triage/actor';
import type { Alert, AlertResponse, PostedMessage } from '../../triage/model';
import { AlertResponseSchema, PostedMessageSchema } from '../../triage/schemas';
import { deriveStatus } from '../../triage/status';
import { fromItem, toAttr, toItem } from './attr';
import {
  ALERT_SORT_KEY,
  actorPartition,
  alertPartition,
  changeTime,
  clusterPartition,
  monthBucket,
  OPEN_PARTITION,
  timeKey,
} from './keys';
import { packReportFact } from './report-fact';

/**
 * Alert items <-> the triage model. What one alert item holds:
 * - `finding`: the finding as published, a JSON string (kept byte-for-byte, whatever fields later versions add);
 * - `responses`: the accepted responses, a list of maps appended to and never rewritten;
 * - `acknowledged` / `escalated`: the first such response, the condition that makes them happen once;
 * - `justifications`: a counter that caps the appended justifications;
 * - `messages` and `messageKeys`: where the cards were posted;
 * - copies for a human reading the table: `severity`, `ruleId`, `cluster`, `summary`;
 * - `rf`: the same facts packed for reports (report-fact.ts), read through the slim `reportByTime` index;
 * - the index keys and `expiresAt` (TTL).
 */
/** Stored as `v` on every alert item, for a future migration to tell old items from new. */
export const ITEM_VERSION = 1;

/** The first item of an alert, as `createAlert` writes it. */
export function newAlertItem(
  id: string,
  finding: Finding,
  createdAt: string,
  expiresAt: number,
): Record<string, AttributeValue> {
  const when = changeTime(finding, createdAt);
  const actor = actorKey(finding.actor);
  return toItem({
    pk: alertPartition(id),
    sk: ALERT_SORT_KEY,
    v: ITEM_VERSION,
    id,
    createdAt,
    finding: JSON.stringify(finding),
    responses: [],
    justifications: 0,
    messages: [],
    severity: finding.severity,
    ruleId: finding.rule.id,
    cluster: finding.where.cluster,
    summary: finding.summary,
    rf: packReportFact({
      id,
      changeTime: when,
      createdAt,
      severity: finding.severity,
      ruleId: finding.rule.id,
      cluster: finding.where.cluster,
      actor,
      outcome: finding.outcome,
      summary: finding.summary,
    }),
    openShard: OPEN_PARTITION,
    openSince: timeKey(when, id),
    timeBucket: monthBucket(when),
    timeKey: timeKey(when, id),
    // An empty key is not allowed in an index: an actor with no name at all is simply not filed by actor.
    actorKey: actor === '' ? undefined : actorPartition(actor),
    clusterKey: clusterPartition(finding.where.cluster),
    expiresAt,
  });
}

/** A response as one element of the `responses` list. */
export function responseAttr(response: AlertResponse): AttributeValue {
  return toAttr({ ...response });
}

/** A posted message as one element of the `messages` list. */
export function messageAttr(message: PostedMessage): AttributeValue {
  return toAttr({ ...message });
}

const StoredAlertSchema = z.object({
  id: z.string().check(z.minLength(1)),
  createdAt: z.iso.datetime({ offset: true }),
  finding: z.string(),
  responses: z.array(AlertResponseSchema),
  messages: z.array(PostedMessageSchema),
});

const StoredRefusalSchema = z.object({ response: AlertResponseSchema });

/** The result of reading an item back: the value, or what is wrong with it. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Reads an alert item (and, for `getAlert`, its refusal items) back into an `Alert`. Refused attempts are
 * merged into the trail in time order; the status is derived, never read.
 */
export function readAlert(
  item: Record<string, AttributeValue>,
  refusals: readonly Record<string, AttributeValue>[] = [],
): Decoded<Alert> {
  const stored = StoredAlertSchema.safeParse(fromItem(item));
  if (!stored.success) return { ok: false, problem: describeIssues(stored.error) };
  const finding = parseFinding(stored.data.finding);
  if (!finding.ok) return finding;
  const refused: AlertResponse[] = [];
  for (const refusal of refusals) {
    const parsed = StoredRefusalSchema.safeParse(fromItem(refusal));
    if (!parsed.success)
      return { ok: false, problem: `refusal ${String(refusal.sk?.S)}: ${describeIssues(parsed.error)}` };
    refused.push(parsed.data.response);
  }
  const responses = mergeByTime(stored.data.responses, refused);
  return {
    ok: true,
    value: {
      id: stored.data.id,
      finding: finding.value,
      createdAt: stored.data.createdAt,
      status: deriveStatus(responses),
      responses,
      messages: stored.data.messages,
    },
  };
}

/**
 * Slots refused attempts into the trail by time without reordering the accepted responses: their list order
 * is the order the store accepted them in, which is the truth even if two servers' clocks disagree.
 */
function mergeByTime(accepted: readonly AlertResponse[], refused: readonly AlertResponse[]): AlertResponse[] {
  const sorted = [...refused].sort((x, y) => x.at.localeCompare(y.at));
  const out: AlertResponse[] = [];
  let next = 0;
  for (const response of accepted) {
    while (next < sorted.length && (sorted[next]?.at ?? '') < response.at)
      out.push(sorted[next++] as AlertResponse);
    out.push(response);
  }
  return [...out, ...sorted.slice(next)];
}

function parseFinding(json: string): Decoded<Finding> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'finding: not valid JSON' };
  }
  const parsed = FindingSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: `finding: ${describeIssues(parsed.error)}` };
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`).join('; ');
}
