import type { PublishBatchResponse } from '@aws-sdk/client-sns';
import type { PublishFailure } from '../../ingest/ports';
import { describeError } from '../../shared/errors';
import type { PreparedEntry } from './batch-plan';
import { backoffDelay, classifyError, errorCode, type RetryPolicy } from './retry';

/** One PublishBatch call with the given entries. */
export type BatchCall = (entries: readonly PreparedEntry[]) => Promise<PublishBatchResponse>;

/** What became of one planned batch. */
export interface BatchOutcome {
  published: number;
  failures: PublishFailure[];
  /** PublishBatch calls made, retries and splits included. */
  calls: number;
}

/**
 * Sends one batch and retries what SNS says may succeed later: entries under `Failed` with `SenderFault`
 * false, and whole calls that failed for a retryable reason. When SNS rejects the whole call because of one
 * entry, the batch is split in halves so that entry does not take the good ones down with it. Gives up after
 * `policy.maxAttempts` and reports every entry it could not publish, with the last reason.
 */
export async function sendBatch(
  entries: readonly PreparedEntry[],
  call: BatchCall,
  policy: RetryPolicy,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { published: 0, failures: [], calls: 0 };
  let pending = entries;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const lastAttempt = attempt >= policy.maxAttempts;
    outcome.calls++;
    let response: PublishBatchResponse;
    try {
      response = await call(pending);
    } catch (error) {
      const verdict = classifyError(error);
      if (verdict === 'retry' && !lastAttempt) {
        await policy.sleep(backoffDelay(attempt, policy));
        continue;
      }
      if (verdict === 'split' && pending.length > 1)
        return merge(outcome, await split(pending, call, policy));
      const failure = { code: errorCode(error), reason: describeError(error) };
      outcome.failures.push(...pending.map((e) => ({ findingId: e.findingId, ...failure })));
      return outcome;
    }
    const { retry, failures, published } = readResponse(pending, response);
    outcome.published += published;
    outcome.failures.push(...failures);
    if (retry.length > 0 && lastAttempt) {
      outcome.failures.push(...retry.map((r) => r.failure));
      return outcome;
    }
    pending = retry.map((r) => r.entry);
    if (pending.length > 0) await policy.sleep(backoffDelay(attempt, policy));
  }
  return outcome;
}

interface RetryCandidate {
  readonly entry: PreparedEntry;
  readonly failure: PublishFailure;
}

/** Sorts a response's entries: published, failed for good (SenderFault), or worth another try. */
function readResponse(pending: readonly PreparedEntry[], response: PublishBatchResponse) {
  const byId = new Map(pending.map((e) => [e.entry.Id, e]));
  let published = 0;
  for (const ok of response.Successful ?? []) if (byId.delete(ok.Id ?? '')) published++;
  const failures: PublishFailure[] = [];
  const retry: RetryCandidate[] = [];
  for (const failed of response.Failed ?? []) {
    const entry = byId.get(failed.Id ?? '');
    if (!entry) continue;
    byId.delete(failed.Id ?? '');
    const failure = {
      findingId: entry.findingId,
      code: failed.Code ?? 'UnknownError',
      reason: `${failed.Code ?? 'UnknownError'}: ${failed.Message ?? 'no message'}`,
    };
    if (failed.SenderFault) failures.push(failure);
    else retry.push({ entry, failure });
  }
  // SNS reports every entry; one it left out is treated as not published, and retried.
  for (const entry of byId.values()) {
    const failure = { findingId: entry.findingId, code: 'NoResult', reason: 'SNS returned no result for it' };
    retry.push({ entry, failure });
  }
  return { published, failures, retry };
}

async function split(entries: readonly PreparedEntry[], call: BatchCall, policy: RetryPolicy) {
  const middle = Math.ceil(entries.length / 2);
  const first = await sendBatch(entries.slice(0, middle), call, policy);
  const second = await sendBatch(entries.slice(middle), call, policy);
  return merge(first, second);
}

function merge(into: BatchOutcome, other: BatchOutcome): BatchOutcome {
  into.published += other.published;
  into.failures.push(...other.failures);
  into.calls += other.calls;
  return into;
}
