import { FINDING_SCHEMA_VERSION, type Finding, FindingMessageSchema } from '../finding/schema';

/** Why a message was skipped rather than retried: none of these can succeed on a retry. */
export type BadMessageReason =
  | 'invalid-envelope'
  | 'invalid-json'
  | 'unsupported-schema-version'
  | 'invalid-finding';

/** A finding read from an SNS message, or why it could not be. */
export type FindingRead =
  | { readonly ok: true; readonly finding: Finding }
  | { readonly ok: false; readonly reason: BadMessageReason; readonly problem: string };

/**
 * Reads a finding from an SNS message body with the tolerant reader (`FindingMessageSchema`: fields a newer
 * ingest adds within version 1 are dropped, not refused). Another schema version is refused by name, so a
 * version 2 published before the notifier is upgraded is reported as such and not as "invalid". Problems name
 * the fields, never their values (a finding's values are not logged).
 *
 * @example
 * readFindingMessage(JSON.stringify(finding)); // { ok: true, finding }
 * readFindingMessage('{"schemaVersion":2}').reason; // 'unsupported-schema-version'
 */
export function readFindingMessage(body: string): FindingRead {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'invalid-json', problem: `not JSON (${body.length} characters)` };
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof raw === 'object' && raw !== null && version !== FINDING_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: 'unsupported-schema-version',
      problem: `schemaVersion ${(JSON.stringify(version) ?? 'missing').slice(0, 40)}, this notifier reads ${FINDING_SCHEMA_VERSION}`,
    };
  }
  const parsed = FindingMessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, finding: parsed.data };
  const fields = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`,
  );
  return { ok: false, reason: 'invalid-finding', problem: fields.slice(0, 5).join('; ') };
}
