import type { AuditTrail } from '../triage/ports';
import { type AlertFact, alertFact } from './facts';
import type { AlertFactSource } from './ports';

/**
 * Alert facts read through the trail's own time listing (full alerts, 1,000 a page). Correct everywhere, and
 * what the report falls back to without the slim `DynamoAlertFacts`; slow on a busy month (every stored
 * finding is decoded).
 *
 * @example
 * const facts = trailAlertFacts(trail);
 * await facts.listFacts({ from, to });
 */
export function trailAlertFacts(trail: AuditTrail): AlertFactSource {
  return {
    async listFacts(query) {
      const facts: AlertFact[] = [];
      let skipped = 0;
      let cursor: string | undefined;
      do {
        const page = await trail.listByTimeRange({ ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
        facts.push(...page.items.map(alertFact));
        skipped += page.skipped;
        cursor = page.cursor;
      } while (cursor);
      return { facts, skipped };
    },
  };
}
