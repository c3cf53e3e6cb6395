import type { DecodeStats } from '../audit/decode/stats';
import type { DetectStats } from '../detect/stats';
import type { PublishFailure, PublishResult } from './ports';

/**
 * What one ingest invocation did. Every log event of the batch is counted once: it either made a finding or
 * was skipped for one reason, so `events === findings + sum(skipped)` (a CONTROL_MESSAGE or an undecodable
 * envelope has no events and counts one skip). Every finding is then either published or failed.
 */
export interface IngestSummary {
  /** Log events in the batch. */
  readonly events: number;
  /** Findings made (one per audit ID that matched a rule). */
  readonly findings: number;
  readonly published: number;
  readonly failed: number;
  /**
   * Skips by reason: bad input (`malformed-json`, `truncated`, `not-audit-event`, `invalid-envelope`), the
   * acknowledged `control-message`, and detection's reasons (`duplicate stage`, `automation actor`,
   * `plain read`, `evaluation error`, ...). Reasons with no skip are absent.
   */
  readonly skipped: Readonly<Record<string, number>>;
  /** The findings that could not be published, with SNS's reason; empty when `failed` is 0. */
  readonly failures: readonly PublishFailure[];
  /** The cluster the findings name; absent when the event carried no batch of log events. */
  readonly cluster?: string;
  /** Where the batch came from, to find a skipped log event (the skip lines give its index and id). */
  readonly logGroup?: string;
  readonly logStream?: string;
}

/** The summary of an invocation that made no finding: a control message or an undecodable envelope. */
export function summaryWithoutEvents(reason: string): IngestSummary {
  return { events: 0, findings: 0, published: 0, failed: 0, skipped: { [reason]: 1 }, failures: [] };
}

/**
 * The summary of a decoded DATA_MESSAGE batch: decoding's skips, detection's skips and problems, and what
 * publishing achieved.
 */
export function batchSummary(
  origin: { readonly cluster: string; readonly logGroup?: string; readonly logStream?: string },
  decode: DecodeStats,
  detect: DetectStats,
  publish: PublishResult,
): IngestSummary {
  const skipped: Record<string, number> = {};
  const add = (counts: Readonly<Record<string, number | undefined>>) => {
    for (const [reason, count] of Object.entries(counts)) {
      if (count) skipped[reason] = (skipped[reason] ?? 0) + count;
    }
  };
  add(decode.skipped);
  add(detect.skipped);
  add(detect.problems);
  return {
    events: decode.eventsRead + sumOf(decode.skipped),
    findings: detect.findings,
    published: publish.published,
    failed: publish.failed,
    skipped,
    failures: publish.failures,
    cluster: origin.cluster,
    ...(origin.logGroup ? { logGroup: origin.logGroup } : {}),
    ...(origin.logStream ? { logStream: origin.logStream } : {}),
  };
}

/**
 * The fields of the one summary line logged per invocation: counts and the ids of unpublished findings, never
 * message bodies.
 *
 * @example
 * log.info('ingest summary', summaryFields(summary));
 */
export function summaryFields(summary: IngestSummary): Record<string, unknown> {
  const { failures, ...counts } = summary;
  return failures.length === 0
    ? counts
    : { ...counts, failures: failures.map((f) => ({ findingId: f.findingId, code: f.code })) };
}

function sumOf(counts: Readonly<Record<string, number | undefined>>): number {
  let total = 0;
  for (const count of Object.values(counts)) total += count ?? 0;
  return total;
}
