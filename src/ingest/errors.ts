import { EksAuditError } from '../shared/errors';
import type { PublishFailure } from './ports';

/** At most this many finding ids are named in the error message; `failures` holds them all. */
const MAX_NAMED = 20;

/**
 * Some findings of a batch could not be published to SNS, even after retries. The ingest handler throws it so
 * Lambda retries the whole batch (then sends it to the failure queue); the findings that were published are
 * published again on the retry, which subscribers deduplicate on the finding id.
 *
 * @example
 * if (summary.failed > 0) throw new UnpublishedFindingsError(summary.failures, summary.published);
 */
export class UnpublishedFindingsError extends EksAuditError {
  override readonly name = 'UnpublishedFindingsError';
  constructor(
    readonly failures: readonly PublishFailure[],
    readonly published: number,
  ) {
    const named = failures.slice(0, MAX_NAMED).map((f) => `${f.findingId} (${f.code})`);
    const more = failures.length > MAX_NAMED ? ` and ${failures.length - MAX_NAMED} more` : '';
    super(
      'FINDINGS_NOT_PUBLISHED',
      `${failures.length} of ${failures.length + published} findings not published to SNS: ${named.join(', ')}${more}`,
    );
  }
}
