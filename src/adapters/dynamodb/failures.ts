import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { EksAuditError } from '../../shared/errors';
import type { Alert } from '../../triage/model';
import type { RespondResult } from '../../triage/ports';
import { ResponderSchema } from '../../triage/schemas';
import { fromAttr } from './attr';

/**
 * Explains a failed conditional `respond` from the alert item as it stands. The markers read here
 * (`acknowledged`, `escalated`, `justifications`) are written once or only grow, so reading them after the
 * failure gives the same answer as at the failure.
 */
export function respondFailure(
  action: 'acknowledge' | 'justify' | 'escalate',
  item: Record<string, AttributeValue> | undefined,
  decode: (item: Record<string, AttributeValue>) => Alert,
): RespondResult {
  if (!item) return { ok: false, reason: 'not-found' };
  const alert = decode(item);
  if (action === 'justify') return { ok: false, reason: 'too-many-responses', alert };
  const marker = item[action === 'acknowledge' ? 'acknowledged' : 'escalated'];
  const first = marker ? (fromAttr(marker) as { by?: unknown; at?: unknown }) : undefined;
  const by = ResponderSchema.safeParse(first?.by);
  if (!by.success || typeof first?.at !== 'string') {
    throw new EksAuditError(
      'TRAIL_INCONSISTENT',
      `alert ${alert.id}: ${action} refused but no first response found`,
    );
  }
  const reason = action === 'acknowledge' ? 'already-acknowledged' : 'already-escalated';
  return { ok: false, reason, by: by.data, at: first.at, alert };
}
