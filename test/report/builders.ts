import type { Finding } from '../../src/finding/schema';
import type { Alert, AlertResponse } from '../../src/triage/model';
import { deriveStatus } from '../../src/triage/status';
import { aFinding, anAlert, aResponse } from '../support/builders';

/** Builders for report tests: alerts with a change time, a store time and responses, status derived. */

type FindingOverrides = Parameters<typeof aFinding>[0];

/** An alert whose change happened at `time`, stored 2 s later, with `responses` (status derived from them). */
export function alertAt(
  id: string,
  time: string,
  options: { finding?: FindingOverrides; responses?: readonly AlertResponse[]; createdAt?: string } = {},
): Alert {
  const finding: Finding = aFinding({ id, time, ...options.finding });
  const responses = options.responses ?? [];
  return anAlert({
    id,
    finding,
    createdAt: options.createdAt ?? new Date(Date.parse(time) + 2000).toISOString(),
    responses,
    status: deriveStatus(responses),
  });
}

/** A response `minutes` after `from` (ISO), by bob unless overridden. */
export function responseAfter(
  from: string,
  minutes: number,
  overrides: Partial<AlertResponse> = {},
): AlertResponse {
  return aResponse({ at: new Date(Date.parse(from) + minutes * 60_000).toISOString(), ...overrides });
}
