import { EksAuditError } from '../../shared/errors';

/**
 * A Slack Web API call failed, after the WebClient's own retries. Carries what the edge needs to decide:
 * `retryable` (throw again so SNS / Lambda redelivers; tell the person to try again) or not (a bad channel, a
 * missing scope: fix the configuration). Never carries the token or the request body.
 *
 * @example
 * try { await publisher.post(alert, route); } catch (error) {
 *   if (error instanceof SlackApiError && error.retryable) throw error; // let SNS redeliver
 * }
 */
export class SlackApiError extends EksAuditError {
  override readonly name = 'SlackApiError';
  constructor(
    /** The Web API method, e.g. `chat.postMessage`. */
    readonly method: string,
    /** Slack's error code (`channel_not_found`, `ratelimited`), `http_503`, or `request_failed`. */
    readonly slackError: string,
    readonly retryable: boolean,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super('SLACK_API', `Slack ${method} failed: ${slackError}${retryable ? ' (retryable)' : ''}`, {
      cause: options.cause,
    });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
  /** For rate limiting: how long Slack asked us to wait. */
  readonly retryAfterSeconds: number | undefined;
}

/** Slack errors that mean "try again later", not "fix something". */
const TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

interface WebClientErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  statusCode?: unknown;
  retryAfter?: unknown;
}

/**
 * Turns whatever the WebClient threw into a `SlackApiError`. The WebClient's error classes are recognised by
 * their documented `code` (not `instanceof`, so a second copy of the package under Bolt still matches).
 *
 * @example
 * toSlackApiError('chat.update', webApiPlatformError).slackError; // 'message_not_found'
 */
export function toSlackApiError(method: string, error: unknown): SlackApiError {
  if (error instanceof SlackApiError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as WebClientErrorShape;
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const slackError = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return new SlackApiError(method, slackError, TRANSIENT.has(slackError), { cause: error });
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      return new SlackApiError(method, `http_${status}`, status === 429 || status >= 500, { cause: error });
    }
    case 'slack_webapi_rate_limited_error': {
      const retryAfterSeconds = typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
      return new SlackApiError(method, 'ratelimited', true, {
        cause: error,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
    }
    case 'slack_webapi_request_error':
      return new SlackApiError(method, 'request_failed', true, { cause: error });
    default:
      // Includes "rate limit exceeded" errors the client gave up retrying: worth another try later.
      return new SlackApiError(method, 'unexpected_error', true, { cause: error });
  }
}
