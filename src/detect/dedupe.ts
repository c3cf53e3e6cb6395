import type { NormalizedAuditEvent } from '../audit/normalized';

/**
 * The API server may log one request at several stages (RequestReceived, ResponseStarted for long-running
 * requests such as exec or watch, ResponseComplete, Panic). The stage that knows the response code wins.
 */
const stageRank: Readonly<Record<string, number>> = {
  ResponseComplete: 4,
  Panic: 3,
  ResponseStarted: 2,
  RequestReceived: 1,
};

/**
 * For each audit ID, the index of the event to evaluate: the best stage, and the first of equals. Other
 * events with the same audit ID are duplicates. One Map pass, no sorting.
 *
 * @example
 * const keep = bestStageIndexes(events);
 * events.filter((e, i) => keep.get(e.auditId) === i);
 */
export function bestStageIndexes(
  events: readonly { readonly event: NormalizedAuditEvent }[],
): Map<string, number> {
  const best = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const event = (events[i] as { event: NormalizedAuditEvent }).event;
    const current = best.get(event.auditId);
    if (current === undefined) {
      best.set(event.auditId, i);
      continue;
    }
    const held = (events[current] as { event: NormalizedAuditEvent }).event;
    if ((stageRank[event.stage] ?? 0) > (stageRank[held.stage] ?? 0)) best.set(event.auditId, i);
  }
  return best;
}
