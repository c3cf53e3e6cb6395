import * as z from '../shared/zod';
import { looksLikeValidAuditEvent } from './event-check';

/*
 * The Kubernetes audit event (audit.k8s.io/v1 `Event`, and v1beta1 which has the same shape for what we
 * read). Every object is loose: fields we do not know are kept, so a newer API server or a log pipeline that
 * enriches events (Panther's `p_*` fields) never makes an event unreadable. Fields we read are type-checked
 * when present.
 *
 * Almost every field is optional on purpose: the API server always writes auditID, stage, verb, requestURI
 * and user, but test material and trimmed exports often lack some; `normalizeAuditEvent` fills defaults and
 * lists what was missing. What makes a value an audit event at all is `isAuditEventShape` below.
 */

/** `user.extra` values are string arrays in the API; a bare string is accepted too (some exporters flatten). */
const ExtraValueSchema = z.union([z.array(z.string()), z.string()]);

/** The identity of a request: `user` and `impersonatedUser`. */
export const AuditUserSchema = z.looseObject({
  username: z.optional(z.string()),
  uid: z.optional(z.string()),
  groups: z.nullish(z.array(z.string())),
  extra: z.nullish(z.record(z.string(), ExtraValueSchema)),
});
export type AuditUser = z.infer<typeof AuditUserSchema>;

/** The object a request acted on. `apiGroup` is absent or '' for the core group. */
export const AuditObjectRefSchema = z.looseObject({
  resource: z.optional(z.string()),
  namespace: z.optional(z.string()),
  name: z.optional(z.string()),
  uid: z.optional(z.string()),
  apiGroup: z.optional(z.string()),
  apiVersion: z.optional(z.string()),
  resourceVersion: z.optional(z.string()),
  subresource: z.optional(z.string()),
});
export type AuditObjectRef = z.infer<typeof AuditObjectRefSchema>;

/** The response: `code` is the HTTP status (403 for a denied request, 101 for exec/attach upgrades). */
export const AuditResponseStatusSchema = z.looseObject({
  code: z.optional(z.number().check(z.int())),
  status: z.optional(z.string()),
  reason: z.optional(z.string()),
  message: z.optional(z.string()),
});

/** One audit event as the API server writes it (log or webhook backend), tolerant of unknown fields. */
export const AuditEventSchema = z
  .looseObject({
    kind: z.optional(z.literal('Event')),
    apiVersion: z.optional(
      z.string().check(z.regex(/^audit\.k8s\.io\//, 'must be audit.k8s.io/v1 (or v1beta1)')),
    ),
    level: z.optional(z.string()),
    auditID: z.optional(z.string()),
    stage: z.optional(z.string()),
    requestURI: z.optional(z.string()),
    verb: z.optional(z.string()),
    user: z.optional(AuditUserSchema),
    impersonatedUser: z.nullish(AuditUserSchema),
    sourceIPs: z.nullish(z.array(z.string())),
    userAgent: z.optional(z.string()),
    objectRef: z.nullish(AuditObjectRefSchema),
    responseStatus: z.nullish(AuditResponseStatusSchema),
    // Request and response bodies can be large and are read by rules on demand; never validated deeply.
    requestObject: z.optional(z.unknown()),
    responseObject: z.optional(z.unknown()),
    requestReceivedTimestamp: z.optional(z.string()),
    stageTimestamp: z.optional(z.string()),
    /** v1beta1 only. */
    timestamp: z.optional(z.string()),
    annotations: z.nullish(z.record(z.string(), z.string())),
  })
  .check(
    z.refine(isAuditEventShape, {
      message: 'needs kind "Event" or apiVersion audit.k8s.io/*, and a verb, auditID or requestURI',
    }),
  );
/** A validated audit event; unknown fields are kept (index signature). */
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/**
 * True when a value that passed the field checks is recognisably an audit event: it names itself one (kind
 * `Event` or an audit.k8s.io apiVersion) and describes a request. A core `v1` Event (`kubectl get events`)
 * fails on its apiVersion; `{"kind":0}` fails on its kind.
 */
function isAuditEventShape(event: {
  kind?: string | undefined;
  apiVersion?: string | undefined;
  verb?: string | undefined;
  auditID?: string | undefined;
  requestURI?: string | undefined;
}): boolean {
  const named = event.kind === 'Event' || event.apiVersion !== undefined;
  return named && (event.verb !== undefined || event.auditID !== undefined || event.requestURI !== undefined);
}

/** Why a value is not a usable audit event, safe to log (field paths and reasons, never values). */
export interface AuditEventProblem {
  readonly reason: 'not-audit-event';
  readonly detail: string;
}

/** The outcome of `parseAuditEvent`: never throws. */
export type AuditEventParseResult =
  | { readonly ok: true; readonly event: AuditEvent; readonly problem?: undefined }
  | { readonly ok: false; readonly problem: AuditEventProblem; readonly event?: undefined };

/**
 * Validates one already-JSON-parsed value as an audit event. `where` names its origin for the problem text
 * (e.g. `audit.jsonl:12`); pass '' when the caller keeps the origin separately.
 *
 * @example
 * const result = parseAuditEvent(JSON.parse(line), 'audit.jsonl:12');
 * if (!result.ok) console.error(result.problem.detail); // "audit.jsonl:12: not an audit event: ..."
 */
export function parseAuditEvent(value: unknown, where: string): AuditEventParseResult {
  const prefix = where ? `${where}: ` : '';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return notAudit(`${prefix}not an audit event: expected a JSON object, got ${got}`);
  }
  // Real events take the fast path; zod runs for the rest, to accept what it accepts and explain the others.
  if (looksLikeValidAuditEvent(value)) return { ok: true, event: value };
  const parsed = AuditEventSchema.safeParse(value);
  if (parsed.success) return { ok: true, event: parsed.data };
  return notAudit(`${prefix}not an audit event: ${describeIssues(parsed.error)}`);
}

function notAudit(detail: string): AuditEventParseResult {
  return { ok: false, problem: { reason: 'not-audit-event', detail } };
}

/** At most three issues, each as `path: message`; never the offending value. */
function describeIssues(error: z.core.$ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return `${issues.join('; ')}${more}`;
}
