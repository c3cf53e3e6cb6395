import type { AuditEvent } from './event';

/*
 * The fast path of `parseAuditEvent`: the same checks as `AuditEventSchema`, written out by hand for the shape
 * real events have. Validating every event of a 1 MB CloudWatch batch with zod cost about as much as parsing
 * its JSON; this costs a few property reads per field. It only ever says yes to a value the schema accepts
 * (a property test compares the two); for anything else the caller runs zod, which explains what is wrong.
 *
 * No field of the schema has a default or a transform, and every object in it is loose, so zod's output for a
 * value it accepts is a copy with the same content: the value itself can be used as the parsed event.
 *
 * Straight-line code on purpose (no table of field checks): it runs once per event on the ingest hot path, and
 * plain property reads are what the JIT makes fastest.
 */

/** A plain object, as JSON.parse makes them (anything else is left to zod). */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

function nullishStringArray(value: unknown): boolean {
  return value === undefined || value === null || isStringArray(value);
}

/** `user.extra`: a record of string arrays (or bare strings). */
function nullishExtra(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  for (const key in value) {
    const item = value[key];
    if (typeof item !== 'string' && !isStringArray(item)) return false;
  }
  return true;
}

/** `annotations`: a record of strings. */
function nullishStringRecord(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isRecord(value)) return false;
  for (const key in value) if (typeof value[key] !== 'string') return false;
  return true;
}

function isUser(value: unknown): boolean {
  return (
    isRecord(value) &&
    optionalString(value.username) &&
    optionalString(value.uid) &&
    nullishStringArray(value.groups) &&
    nullishExtra(value.extra)
  );
}

function nullishObjectRef(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return (
    isRecord(value) &&
    optionalString(value.resource) &&
    optionalString(value.namespace) &&
    optionalString(value.name) &&
    optionalString(value.uid) &&
    optionalString(value.apiGroup) &&
    optionalString(value.apiVersion) &&
    optionalString(value.resourceVersion) &&
    optionalString(value.subresource)
  );
}

function nullishResponseStatus(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return (
    isRecord(value) &&
    (value.code === undefined || Number.isSafeInteger(value.code)) &&
    optionalString(value.status) &&
    optionalString(value.reason) &&
    optionalString(value.message)
  );
}

function hasValidFields(event: Record<string, unknown>): boolean {
  return (
    optionalString(event.level) &&
    optionalString(event.auditID) &&
    optionalString(event.stage) &&
    optionalString(event.requestURI) &&
    optionalString(event.verb) &&
    (event.user === undefined || isUser(event.user)) &&
    (event.impersonatedUser === undefined ||
      event.impersonatedUser === null ||
      isUser(event.impersonatedUser)) &&
    nullishStringArray(event.sourceIPs) &&
    optionalString(event.userAgent) &&
    nullishObjectRef(event.objectRef) &&
    nullishResponseStatus(event.responseStatus) &&
    optionalString(event.requestReceivedTimestamp) &&
    optionalString(event.stageTimestamp) &&
    optionalString(event.timestamp) &&
    nullishStringRecord(event.annotations)
  );
}

/**
 * True when `AuditEventSchema` would accept `value` as it is: the field checks, then the refinement (it names
 * itself an audit event and describes a request).
 *
 * @example
 * looksLikeValidAuditEvent(JSON.parse(line)); // true for API server output
 */
export function looksLikeValidAuditEvent(value: unknown): value is AuditEvent {
  if (!isRecord(value)) return false;
  const { kind, apiVersion } = value;
  if (kind !== undefined && kind !== 'Event') return false;
  if (
    apiVersion !== undefined &&
    (typeof apiVersion !== 'string' || !apiVersion.startsWith('audit.k8s.io/'))
  ) {
    return false;
  }
  if (!hasValidFields(value)) return false;
  const named = kind === 'Event' || apiVersion !== undefined;
  return named && (value.verb !== undefined || value.auditID !== undefined || value.requestURI !== undefined);
}
