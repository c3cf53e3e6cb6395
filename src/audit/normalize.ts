import { createHash } from 'node:crypto';
import type { AuditEvent, AuditUser } from './event';
import type { NormalizedAuditEvent } from './normalized';
import { normalizeTimestamp } from './timestamp';

/** Options for `normalizeAuditEvent`. */
export interface NormalizeOptions {
  /** ISO time to use when the event carries no timestamp (the CloudWatch log event time). */
  readonly fallbackTime?: string | undefined;
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
  const apiGroup = apiGroupOf(objectRef, requestUri);
  const impersonated = event.impersonatedUser ?? undefined;
  const annotations = event.annotations ?? {};
  return {
    auditId: event.auditID || syntheticAuditId(event),
    stage: event.stage ?? '',
    time: timeOf(event, options.fallbackTime),
    verb: event.verb ?? '',
    requestUri,
    username: event.user?.username ?? '',
    groups: event.user?.groups ?? [],
    ...optional('resource', objectRef?.resource),
    ...optional('subresource', objectRef?.subresource),
    ...(apiGroup !== undefined ? { apiGroup } : {}),
    ...optional('apiVersion', objectRef?.apiVersion),
    ...optional('namespace', objectRef?.namespace),
    ...optional('name', objectRef?.name),
    ...(event.responseStatus?.code !== undefined ? { responseCode: event.responseStatus.code } : {}),
    sourceIps: event.sourceIPs ?? [],
    ...optional('userAgent', event.userAgent),
    dryRun: isDryRun(requestUri),
    ...(impersonated ? { impersonatedUser: impersonationOf(impersonated) } : {}),
    ...optional('authorizationDecision', annotations['authorization.k8s.io/decision']),
    ...optional('authorizationReason', annotations['authorization.k8s.io/reason']),
    iam: iamOf(event.user),
    ...optional('level', event.level),
    ...optional('userUid', event.user?.uid),
    ...optional('responseReason', event.responseStatus?.reason),
    missing: missingFields(event),
    raw: event,
  };
}

/** `{ key: value }` when value is a non-empty string, else `{}`: keeps exactOptionalPropertyTypes happy. */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value ? ({ [key]: value } as { [P in K]: string }) : {};
}

function timeOf(event: AuditEvent, fallbackTime: string | undefined): string {
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
  return fallbackTime ?? '';
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
  const extra = user?.extra ?? {};
  const first = (key: string): string | undefined => {
    const value = extra[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    ...optional('arn', first('arn')),
    ...optional('canonicalArn', first('canonicalArn')),
    ...optional('sessionName', first('sessionName')),
    ...optional('accessKeyId', first('accessKeyId')),
    ...optional('principalId', first('principalId')),
  };
}

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
