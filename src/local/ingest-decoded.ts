import type { DecodedInput } from '../audit/decode';
import { detect } from '../detect/detect';
import { findingContextOf } from '../ingest/context';
import { detectInputs, type IngestDeps, nothingPublished } from '../ingest/ingest';
import { batchSummary, type IngestSummary } from '../ingest/summary';

/**
 * The ingest pipeline for events that did not come through a CloudWatch subscription (a file, the bundled
 * sample, a kube-apiserver webhook batch): the same steps and pieces as `ingestCloudWatchEvent` (normalise,
 * detect with the same rules and configuration, publish through the same `FindingPublisher` port, the same
 * `IngestSummary`), starting from `decodeInput`'s result instead of an `awslogs` envelope.
 *
 * Never throws for bad input: every skipped item is logged (where and why, never its text, at most
 * `MAX_SKIP_LINES` lines) and counted in the summary.
 *
 * @example
 * const summary = await ingestDecoded(decodeInput(text, 'audit.jsonl'), deps);
 * summary.findings; // 3
 */
export async function ingestDecoded(input: DecodedInput, deps: IngestDeps): Promise<IngestSummary> {
  const origin = input.origins[0];
  const context = findingContextOf(
    {
      owner: origin?.owner ?? '',
      logGroup: origin?.logGroup ?? '',
      logStream: origin?.logStream ?? '',
      ...(origin?.cluster ? { cluster: origin.cluster } : {}),
    },
    deps.settings,
    deps.clock(),
  );
  const inputs = detectInputs(input.items, deps.logger, 'event');
  const result = detect(inputs, deps.ruleSet, deps.detection, context);
  for (const problem of result.problems) deps.logger.warn('event not evaluated', { ...problem });
  for (const finding of result.findings) {
    deps.logger.debug('finding', {
      findingId: finding.id,
      auditId: finding.auditId,
      ruleId: finding.rule.id,
    });
  }
  const published =
    result.findings.length > 0 ? await deps.publisher.publish(result.findings) : nothingPublished;
  return batchSummary(context, input.stats, result.stats, published);
}
