import type { AuditEvent } from './event';

/*
 * The fast path of `parseAuditEvent`: the same checks as `AuditEventSchema`, written out by hand for the shape
 * real events have. Validating every event of a 1 MB CloudWatch batch with zod cost about as much as parsing
 * its JSON; this costs a few property reads per field. It only ever says yes to a value the schema accepts
 * (a property test compares the two); for anything else the caller runs zod, which explains what is wrong.
 *
 * No field of the schema has a default or a transform, and every object in it is loose, so zod's output for a
 * value it accepts is a copy with the same content: the value itself can be used as the parsed event.
 */

type Check = (value: unknown) => boolean;

/** A plain object, as JSON.parse makes them (anything else is left to zod). */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
const optionalString: Check = (value) => value === undefined || typeof value === 'string';
const stringArray = (value: unknown): boolean => {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
};
const nullish =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null || check(value);
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);

function recordOf(check: Check): Check {
  return (value) => {
    if (!isRecord(value)) return false;
    for (const key in value) if (!check(value[key])) return false;
    return true;
  };
}

/** A loose object whose listed fields pass their checks (other fields are anything). */
function looseObject(fields: Readonly<Record<string, Check>>): Check {
  const entries = Object.entries(fields);
  return (value) => {
    if (!isRecord(value)) return false;
    for (const [key, check] of entries) if (!check(value[key])) return false;
    return true;
  };
}

const user = looseObject({
  username: optionalString,
  uid: optionalString,
  groups: nullish(stringArray),
  extra: nullish(recordOf((v) => typeof v === 'string' || stringArray(v))),
});

const objectRef = looseObject({
  resource: optionalString,
  namespace: optionalString,
  name: optionalString,
  uid: optionalString,
  apiGroup: optionalString,
  apiVersion: optionalString,
  resourceVersion: optionalString,
  subresource: optionalString,
});

const responseStatus = looseObject({
  code: (v) => v === undefined || Number.isSafeInteger(v),
  status: optionalString,
  reason: optionalString,
  message: optionalString,
});

const eventFields = looseObject({
  level: optionalString,
  auditID: optionalString,
  stage: optionalString,
  requestURI: optionalString,
  verb: optionalString,
  user: optional(user),
  impersonatedUser: nullish(user),
  sourceIPs: nullish(stringArray),
  userAgent: optionalString,
  objectRef: nullish(objectRef),
  responseStatus: nullish(responseStatus),
  requestReceivedTimestamp: optionalString,
  stageTimestamp: optionalString,
  timestamp: optionalString,
  annotations: nullish(recordOf((v) => typeof v === 'string')),
});

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
  if (!eventFields(value)) return false;
  const named = kind === 'Event' || apiVersion !== undefined;
  return named && (value.verb !== undefined || value.auditID !== undefined || value.requestURI !== undefined);
}
