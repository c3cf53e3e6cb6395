import type { NormalizedAuditEvent } from '../audit/normalized';
import type { RuleMatch } from '../detect/rules/types';
import { outcomeOf } from '../detect/rules/vocabulary';
import { describeAction } from './describe';
import { findingId, stableHash } from './hash';
import type { Finding, FindingAction, FindingActor, FindingWhere } from './schema';
import { severityRank } from './severity';
import { FINDING_SCHEMA_VERSION } from './version';

/** Where and when a finding is made: the same for every event of a batch. */
export interface FindingContext {
  /** The cluster name, from the log group `/aws/eks/<cluster>/cluster` or configured. */
  readonly cluster: string;
  readonly accountId?: string;
  readonly accountName?: string;
  readonly region?: string;
  readonly logGroup?: string;
  readonly logStream?: string;
  /** The injected clock's reading: when the finding is made. */
  readonly now: Date;
}

/** Request URIs are kept for the reader; an absurdly long one (a huge query) is cut. */
const MAX_URI = 2048;

/**
 * Builds the finding for one event that matched one or more rules. The most severe rule (the first of the
 * most severe, in file order) is the finding's rule; the others are listed in `alsoMatched`.
 *
 * Only the request line and identity go into a finding: never `requestObject`, `responseObject`, nor any
 * Secret `data`/`stringData`.
 *
 * @example
 * const finding = buildFinding(event, classifyActor(event, config), matches, { cluster: 'prod-eu', now });
 * finding.summary; // 'alice@example.com deleted secret kube-system/db-creds on prod-eu'
 */
export function buildFinding(
  event: NormalizedAuditEvent,
  actor: FindingActor,
  matches: readonly RuleMatch[],
  context: FindingContext,
): Finding {
  const primary = mostSevere(matches);
  const action = actionOf(event);
  const detectedAt = context.now.toISOString();
  return {
    schemaVersion: FINDING_SCHEMA_VERSION,
    id: findingId(context.cluster, event.auditId),
    fingerprint: `fp-${stableHash(primary.rule.id, actor.username, event.verb, resourcePath(event), event.namespace, event.name)}`,
    severity: primary.rule.severity,
    summary: summarize(event, actor, context.cluster),
    outcome: findingOutcome(event.responseCode),
    ...(event.responseCode !== undefined ? { responseCode: event.responseCode } : {}),
    auditId: event.auditId,
    stage: event.stage,
    time: event.time || detectedAt,
    detectedAt,
    actor,
    action,
    where: whereOf(context),
    source: { ips: [...event.sourceIps], ...(event.userAgent ? { userAgent: event.userAgent } : {}) },
    rule: primary.rule,
    alsoMatched: matches.filter((m) => m !== primary).map((m) => m.rule.id),
    reasons: [...primary.reasons, actorReason(actor)],
    links: {},
  };
}

function mostSevere(matches: readonly RuleMatch[]): RuleMatch {
  const [first, ...rest] = matches;
  if (!first) throw new RangeError('buildFinding needs at least one rule match');
  return rest.reduce(
    (best, m) => (severityRank[m.rule.severity] > severityRank[best.rule.severity] ? m : best),
    first,
  );
}

/**
 * The one-line summary: `alice@example.com deleted secret kube-system/db-creds on prod-eu`, or for a refused
 * request `alice@example.com tried to delete secret kube-system/db-creds on prod-eu (denied, 403)`.
 */
export function summarize(event: NormalizedAuditEvent, actor: FindingActor, cluster: string): string {
  const words = describeAction(event);
  const who = event.impersonatedUser
    ? `${actor.displayName} (as ${event.impersonatedUser.username || 'groups only'})`
    : actor.displayName;
  const code = event.responseCode;
  switch (outcomeOf(code)) {
    case 'denied':
      return `${who} tried to ${words.attempted} on ${cluster} (denied, ${code})`;
    case 'failed':
      return `${who} tried to ${words.attempted} on ${cluster} (failed, ${code})`;
    case 'unknown':
      return `${who} ${words.done} on ${cluster} (response not logged)`;
    default:
      return `${who} ${words.done} on ${cluster}`;
  }
}

function findingOutcome(code: number | undefined): Finding['outcome'] {
  const outcome = outcomeOf(code);
  // A failure that was not a refusal (404, 409, 5xx) changed nothing; the schema has no word for it.
  return outcome === 'failed' ? 'unknown' : outcome;
}

function actionOf(event: NormalizedAuditEvent): FindingAction {
  return {
    verb: event.verb,
    ...(event.resource !== undefined ? { resource: event.resource } : {}),
    ...(event.subresource !== undefined ? { subresource: event.subresource } : {}),
    ...(event.apiGroup !== undefined ? { apiGroup: event.apiGroup } : {}),
    ...(event.namespace !== undefined ? { namespace: event.namespace } : {}),
    ...(event.name !== undefined ? { name: event.name } : {}),
    requestUri:
      event.requestUri.length > MAX_URI ? `${event.requestUri.slice(0, MAX_URI)}...` : event.requestUri,
    dryRun: event.dryRun,
    ...(event.impersonatedUser ? { impersonatedUser: event.impersonatedUser.username } : {}),
  };
}

function whereOf(c: FindingContext): FindingWhere {
  return {
    cluster: c.cluster,
    ...(c.accountId ? { accountId: c.accountId } : {}),
    ...(c.accountName ? { accountName: c.accountName } : {}),
    ...(c.region ? { region: c.region } : {}),
    ...(c.logGroup ? { logGroup: c.logGroup } : {}),
    ...(c.logStream ? { logStream: c.logStream } : {}),
  };
}

function resourcePath(event: NormalizedAuditEvent): string | undefined {
  return event.subresource ? `${event.resource}/${event.subresource}` : event.resource;
}

const actorWords: Readonly<Record<FindingActor['type'], string>> = {
  human: 'a person',
  automation: 'automation',
  system: 'a system identity',
  anonymous: 'anonymous',
};

/** `actor is a person: IAM Identity Center user ...` (the classification's own `person: ` prefix dropped). */
function actorReason(actor: FindingActor): string {
  const why = actor.classification.replace(/^(person|automation|system|anonymous): /, '');
  return `actor is ${actorWords[actor.type]}: ${why}`;
}
