import { decodeSubscriptionEvent } from '../audit/decode/awslogs';
import { type DecodedItem, formatWhere } from '../audit/decode/types';
import { normalizeAuditEvent } from '../audit/normalize';
import type { DetectionConfig } from '../detect/config';
import { type DetectInput, detect } from '../detect/detect';
import type { RuleSet } from '../detect/rules/types';
import type { Finding } from '../finding/schema';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { findingContextOf, type IngestSettings } from './context';
import type { FindingPublisher, PublishResult } from './ports';
import { batchSummary, type IngestSummary, summaryWithoutEvents } from './summary';

/** What `ingestCloudWatchEvent` needs; the handler builds the real ones once per cold start. */
export interface IngestDeps {
  readonly publisher: FindingPublisher;
  readonly ruleSet: RuleSet;
  /** Protected namespaces and which identities are automation. */
  readonly detection: DetectionConfig;
  readonly settings: IngestSettings;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Skipped log events are logged one by one up to this many per batch; the summary counts them all. */
export const MAX_SKIP_LINES = 20;

/** What publishing a batch without findings gives. */
export const nothingPublished: PublishResult = { published: 0, failed: 0, failures: [] };

/**
 * The ingest pipeline for one CloudWatch Logs subscription event: decode (`awslogs.data`: base64, gzip, JSON,
 * validated with zod), parse and validate each log event's message once, normalise, classify the actor, run
 * the rules (one finding per audit ID across stages), build the findings, publish them.
 *
 * Never throws for bad input: an undecodable envelope, a malformed, truncated or non-audit log event is
 * logged and counted in `skipped`, and the rest of the batch goes on; a CONTROL_MESSAGE is acknowledged and
 * counted. Findings that could not be published are in `failures`; deciding to fail the invocation is the
 * caller's (the handler's) job.
 *
 * @example
 * const summary = await ingestCloudWatchEvent(lambdaEvent, deps);
 * if (summary.failed > 0) throw new UnpublishedFindingsError(summary.failures);
 */
export async function ingestCloudWatchEvent(event: unknown, deps: IngestDeps): Promise<IngestSummary> {
  const { logger } = deps;
  const decoded = decodeSubscriptionEvent(event);
  if (!decoded.ok) {
    logger.warn('event skipped: not a usable CloudWatch Logs subscription event', {
      reason: decoded.problem.reason,
      detail: decoded.problem.detail,
    });
    return summaryWithoutEvents(decoded.problem.reason);
  }
  const { batch } = decoded;
  if (batch.messageType === 'CONTROL_MESSAGE') {
    logger.info('CloudWatch Logs control message acknowledged', {
      subscriptionFilters: batch.subscriptionFilters,
    });
    return summaryWithoutEvents('control-message');
  }
  const context = findingContextOf(batch, deps.settings, deps.clock());
  const inputs = detectInputs(batch.items, logger);
  const result = detect(inputs, deps.ruleSet, deps.detection, context);
  for (const problem of result.problems) logger.warn('event not evaluated', { ...problem });
  logFindings(result.findings, logger);
  const published =
    result.findings.length > 0 ? await deps.publisher.publish(result.findings) : nothingPublished;
  return batchSummary(context, batch.stats, result.stats, published);
}

/**
 * Normalises the decoded events; logs the skipped ones (where and why, never their text), at most
 * `MAX_SKIP_LINES` lines and then one line with how many more. `what` names an item in those lines: a CloudWatch
 * `log event` here, an `event` of a file or webhook batch in local mode (src/local/ingest-decoded.ts).
 */
export function detectInputs(
  items: readonly DecodedItem[],
  logger: Logger,
  what: 'log event' | 'event' = 'log event',
): DetectInput[] {
  const inputs: DetectInput[] = [];
  let logged = 0;
  for (const item of items) {
    if (item.ok) {
      inputs.push({
        event: normalizeAuditEvent(item.event, { fallbackTime: item.logTime }),
        message: item.message,
      });
    } else if (logged++ < MAX_SKIP_LINES) {
      logger.warn(`${what} skipped`, {
        reason: item.problem.reason,
        where: formatWhere(item.where),
        detail: item.problem.detail,
      });
    }
  }
  if (logged > MAX_SKIP_LINES) {
    logger.warn(`more ${what}s skipped`, {
      notLogged: logged - MAX_SKIP_LINES,
      loggedUpTo: MAX_SKIP_LINES,
    });
  }
  return inputs;
}

function logFindings(findings: readonly Finding[], logger: Logger): void {
  for (const finding of findings) {
    logger.info('finding', {
      findingId: finding.id,
      auditId: finding.auditId,
      ruleId: finding.rule.id,
      severity: finding.severity,
      outcome: finding.outcome,
    });
  }
}
