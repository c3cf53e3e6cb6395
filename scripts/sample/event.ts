import { createHash } from 'node:crypto';

/* Building blocks for the sample: one request becomes one or more audit events (one per stage). */

type Json = Record<string, unknown>;

/** One API request of the sample story. */
export interface SampleRequest {
  readonly user: Json;
  readonly verb: string;
  /** Path without query, e.g. `/api/v1/namespaces/kube-system/secrets/db-creds`. */
  readonly path: string;
  readonly query?: string;
  readonly objectRef?: Json;
  readonly code: number;
  readonly ip: string;
  readonly agent: string;
  readonly reason: string;
  /** `Metadata` unless a body is logged. */
  readonly level?: string;
  readonly requestObject?: Json;
  readonly responseObject?: Json;
  readonly impersonatedUser?: Json;
  /** Stages to log; default only ResponseComplete. */
  readonly stages?: readonly string[];
  readonly extraAnnotations?: Record<string, string>;
}

/** A UUID-shaped id, the same on every run for the same seed. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `2026-11-20T14:03:07.123456Z` from a base time plus milliseconds, with microseconds like the API server. */
function microTime(base: number, offsetMs: number, micros: number): string {
  return new Date(base + offsetMs).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
}

/** The audit events (one per stage) the API server writes for one request. */
export function auditEvents(request: SampleRequest, seq: number, base: number): Json[] {
  const auditID = stableUuid(`eks-audit-sample-${seq}`);
  const received = microTime(base, seq * 7919, (seq * 37) % 1000);
  const stages = request.stages ?? ['ResponseComplete'];
  return stages.map((stage, i) => {
    const done = stage !== 'RequestReceived';
    const event: Json = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: request.level ?? 'Metadata',
      auditID,
      stage,
      requestURI: request.query ? `${request.path}?${request.query}` : request.path,
      verb: request.verb,
      user: request.user,
      ...(request.impersonatedUser ? { impersonatedUser: request.impersonatedUser } : {}),
      sourceIPs: [request.ip],
      userAgent: request.agent,
      ...(request.objectRef ? { objectRef: request.objectRef } : {}),
      ...(done ? { responseStatus: responseStatus(request) } : {}),
      ...(request.requestObject ? { requestObject: request.requestObject } : {}),
      ...(done && request.responseObject ? { responseObject: request.responseObject } : {}),
      requestReceivedTimestamp: received,
      stageTimestamp: done ? microTime(base, seq * 7919 + 12 + i * 30, (seq * 53) % 1000) : received,
      annotations: annotations(request),
    };
    return event;
  });
}

function responseStatus(request: SampleRequest): Json {
  const { code } = request;
  if (code < 400) return { metadata: {}, code };
  const ref = request.objectRef ?? {};
  const who = String(request.user.username);
  const message = `${ref.resource} "${ref.name ?? ''}" is forbidden: User "${who}" cannot ${request.verb} resource "${ref.resource}" in API group "${ref.apiGroup ?? ''}" in the namespace "${ref.namespace ?? ''}"`;
  return {
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details: { name: ref.name, kind: ref.resource },
    code,
  };
}

function annotations(request: SampleRequest): Record<string, string> {
  const decision = request.code === 403 ? 'forbid' : 'allow';
  return {
    'authorization.k8s.io/decision': decision,
    'authorization.k8s.io/reason': request.reason,
    ...request.extraAnnotations,
  };
}
