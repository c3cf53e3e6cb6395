/**
 * The normalised view of one Kubernetes audit event: what detection, findings and cards read. Produced by
 * `normalizeAuditEvent` from a validated `AuditEvent`; every field is already decoded and trimmed.
 */
export interface NormalizedAuditEvent {
  /**
   * The API server's auditID. When the event has none (trimmed test material, never real API server output),
   * a stable stand-in `no-audit-id:<hash of the event>` so that one-finding-per-audit-ID still works.
   */
  readonly auditId: string;
  /** `RequestReceived`, `ResponseStarted`, `ResponseComplete` or `Panic`. */
  readonly stage: string;
  /**
   * ISO 8601 (`toISOString()` shape): stageTimestamp, else requestReceivedTimestamp, else v1beta1 `timestamp`,
   * else the CloudWatch log event time passed as `fallbackTime`; '' when none is known.
   */
  readonly time: string;
  readonly verb: string;
  readonly requestUri: string;
  /** The Kubernetes username as the API server authenticated it, e.g. `kubernetes-admin`. */
  readonly username: string;
  readonly groups: readonly string[];
  readonly resource?: string;
  readonly subresource?: string;
  /** '' for the core group. */
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly responseCode?: number;
  readonly sourceIps: readonly string[];
  readonly userAgent?: string;
  /** True when the request URI carries `dryRun=All`. */
  readonly dryRun: boolean;
  /** The identity the request acted as, when the actor impersonated someone. */
  readonly impersonatedUser?: { readonly username: string; readonly groups: readonly string[] };
  /** `allow` / `forbid` from the authorization.k8s.io/decision annotation, when present. */
  readonly authorizationDecision?: string;
  readonly authorizationReason?: string;
  /** IAM identity extras that EKS adds (`user.extra`), first value of each. */
  readonly iam: {
    readonly arn?: string;
    readonly canonicalArn?: string;
    readonly sessionName?: string;
    readonly accessKeyId?: string;
    readonly principalId?: string;
  };
  /** `None`, `Metadata`, `Request` or `RequestResponse`, when present. */
  readonly level?: string;
  /** `user.uid`; on EKS `aws-iam-authenticator:<account>:<principal id>` for IAM identities. */
  readonly userUid?: string;
  /** `responseStatus.reason`, e.g. `Forbidden`, `NotFound`. */
  readonly responseReason?: string;
  /**
   * Fields the API server always writes (auditID, stage, verb, requestURI, user.username, stageTimestamp)
   * that this event lacked; empty for real API server output. Defaults were used in their place ('' or the
   * fallback time).
   */
  readonly missing: readonly string[];
  /** The whole event as parsed, for rules that read other fields. Never copied into a finding. */
  readonly raw: Record<string, unknown>;
}
