/**
 * Our own bounded retry around SNS calls. The SDK retries a call too (its `maxAttempts`, 3 by default); ours
 * also retries the entries SNS lists under `Failed`, which the SDK does not see as errors.
 */
export interface RetryPolicy {
  /** Attempts per batch, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Injected so tests do not wait. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Injected so tests pin the jitter; returns [0, 1). */
  readonly random: () => number;
}

/** 4 attempts, waits of about 200, 400 and 800 ms, real timers. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * The wait before retry number `attempt` (1 for the first retry): exponential, capped, with jitter between
 * half and all of it so many Lambdas throttled together do not retry in step.
 *
 * @example
 * backoffDelay(3, { ...defaultRetryPolicy, random: () => 1 }); // 800
 */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + policy.random() / 2));
}

/**
 * What to do after a whole call failed: `retry` (throttling, server faults, network), `split` (SNS rejected
 * the request for something in one of its entries, so halves may succeed), or `give-up`.
 */
export type ErrorVerdict = 'retry' | 'split' | 'give-up';

const throttlingNames = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'KMSThrottlingException',
]);
const entryFaultNames = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ValidationException',
  'ValidationError',
  'BatchRequestTooLongException',
  'BatchEntryIdsNotDistinctException',
]);
const transientNetworkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

interface SdkErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly Code?: string;
  readonly $fault?: string;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Decides how to handle an error thrown by an SNS call. */
export function classifyError(error: unknown): ErrorVerdict {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (e.$retryable || e.$fault === 'server' || status === 429 || status >= 500) return 'retry';
  if (throttlingNames.has(e.name ?? '') || e.name === 'TimeoutError') return 'retry';
  if (transientNetworkCodes.has(e.code ?? '')) return 'retry';
  if (entryFaultNames.has(e.name ?? '')) return 'split';
  return 'give-up';
}

/** A short stable code for an error: SNS's own code when the SDK kept it, else the error name or errno code. */
export function errorCode(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  return e.Code ?? e.code ?? e.name ?? 'UnknownError';
}
