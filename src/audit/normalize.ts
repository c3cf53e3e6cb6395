import { createHash } from 'node:crypto';
import type { AuditEvent, AuditUser } from './event';
import type { NormalizedAuditEvent } from './normalized';
import { type LogTime, logTimeIso, normalizeTimestamp } from './timestamp';

/** Options for `normalizeAuditEvent`. */
export interface NormalizeOptions {
  /** The time to use when the event carries no timestamp (the CloudWatch log event time). */
  readonly fallbackTime?: LogTime | undefined;
}

/**
 * Builds the normalised view detection reads from a validated audit event: decoded, defaulted, trimmed.
 * Pure and cheap (no copying of request or response bodies).
 *
 * @example
 * const result = parseAuditEvent(JSON.parse(line), 'audit.jsonl:1');
 * if (result.ok) {
 *   const view = normalizeAuditEvent(result.event);
 *   view.apiGroup; // '' for core resources such as secrets
 * }
 */
export function normalizeAuditEvent(event: AuditEvent, options: NormalizeOptions = {}): NormalizedAuditEvent {
  const objectRef = event.objectRef ?? undefined;
  const requestUri = event.requestURI ?? '';
  const annotations = event.annotations ?? undefined;
  // Built by assignment rather than conditional spreads: this runs once per event on the ingest hot path,
  // and a dozen spreads per event cost more than the rest of normalisation together.
  const view: Writable<NormalizedAuditEvent> = {
    auditId: event.auditID || syntheticAuditId(event),
    stage: event.stage ?? '',
    time: timeOf(event, options.fallbackTime),
    verb: event.verb ?? '',
    requestUri,
    username: event.user?.username ?? '',
    groups: event.user?.groups ?? [],
    sourceIps: event.sourceIPs ?? [],
    dryRun: isDryRun(requestUri),
    iam: iamOf(event.user),
    missing: missingFields(event),
    raw: event,
  };
  setText(view, 'resource', objectRef?.resource);
  setText(view, 'subresource', objectRef?.subresource);
  const apiGroup = apiGroupOf(objectRef, requestUri);
  if (apiGroup !== undefined) view.apiGroup = apiGroup;
  setText(view, 'apiVersion', objectRef?.apiVersion);
  setText(view, 'namespace', objectRef?.namespace);
  setText(view, 'name', objectRef?.name);
  const code = event.responseStatus?.code;
  if (code !== undefined) view.responseCode = code;
  setText(view, 'userAgent', event.userAgent);
  if (event.impersonatedUser) view.impersonatedUser = impersonationOf(event.impersonatedUser);
  setText(view, 'authorizationDecision', annotations?.['authorization.k8s.io/decision']);
  setText(view, 'authorizationReason', annotations?.['authorization.k8s.io/reason']);
  setText(view, 'level', event.level);
  setText(view, 'userUid', event.user?.uid);
  setText(view, 'responseReason', event.responseStatus?.reason);
  return view;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The optional string fields of the view. */
type TextField = {
  [K in keyof NormalizedAuditEvent]-?: NormalizedAuditEvent[K] extends string | undefined
    ? undefined extends NormalizedAuditEvent[K]
      ? K
      : never
    : never;
}[keyof NormalizedAuditEvent];

/** Sets an optional text field only when the value is a non-empty string (absent, not '', otherwise). */
function setText(view: Writable<NormalizedAuditEvent>, key: TextField, value: string | undefined): void {
  if (value) view[key] = value;
}

function timeOf(event: AuditEvent, fallbackTime: LogTime | undefined): string {
  const pantherTime = typeof event.p_event_time === 'string' ? event.p_event_time : undefined;
  for (const candidate of [
    event.stageTimestamp,
    event.requestReceivedTimestamp,
    event.timestamp,
    pantherTime,
  ]) {
    const iso = candidate === undefined ? undefined : normalizeTimestamp(candidate);
    if (iso) return iso;
  }
  return logTimeIso(fallbackTime) ?? '';
}

/**
 * The API group: objectRef.apiGroup; else the group part of a `group/version` objectRef.apiVersion (older
 * exports); else read from the request URI (`/apis/<group>/...`, '' for `/api/v1/...`); '' for any request
 * on an object (the core group); undefined for non-resource requests such as `/healthz`.
 */
function apiGroupOf(objectRef: AuditEvent['objectRef'], requestUri: string): string | undefined {
  if (objectRef?.apiGroup !== undefined) return objectRef.apiGroup;
  const version = objectRef?.apiVersion;
  if (version?.includes('/')) return version.slice(0, version.indexOf('/'));
  const fromUri = /^\/apis\/([^/?]+)\/[^/?]+/.exec(requestUri);
  if (fromUri?.[1]) return fromUri[1];
  if (requestUri.startsWith('/api/') || objectRef) return '';
  return undefined;
}

/** `?dryRun=All` (the only value Kubernetes accepts) on a mutating request: nothing was persisted. */
function isDryRun(requestUri: string): boolean {
  const query = requestUri.indexOf('?');
  if (query < 0 || !requestUri.includes('dryRun', query)) return false;
  return new URLSearchParams(requestUri.slice(query + 1)).getAll('dryRun').includes('All');
}

function impersonationOf(user: AuditUser): { username: string; groups: readonly string[] } {
  return { username: user.username ?? '', groups: user.groups ?? [] };
}

/** First value of each EKS identity extra; EKS writes them as one-element arrays. */
function iamOf(user: AuditUser | undefined): NormalizedAuditEvent['iam'] {
  const extra = user?.extra;
  if (!extra) return {};
  const iam: Writable<NormalizedAuditEvent['iam']> = {};
  for (const key of IAM_EXTRAS) {
    const value = extra[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first) iam[key] = first;
  }
  return iam;
}

const IAM_EXTRAS = ['arn', 'canonicalArn', 'sessionName', 'accessKeyId', 'principalId'] as const;

function missingFields(event: AuditEvent): string[] {
  const missing: string[] = [];
  if (!event.auditID) missing.push('auditID');
  if (!event.stage) missing.push('stage');
  if (!event.verb) missing.push('verb');
  if (event.requestURI === undefined) missing.push('requestURI');
  if (event.user?.username === undefined) missing.push('user.username');
  if (!event.stageTimestamp && !event.timestamp) missing.push('stageTimestamp');
  return missing;
}

/** Stable for the same event content, so re-reading a file gives the same finding ids. */
function syntheticAuditId(event: AuditEvent): string {
  const digest = createHash('sha256').update(JSON.stringify(event)).digest('hex');
  return `no-audit-id:${digest.slice(0, 16)}`;
}
