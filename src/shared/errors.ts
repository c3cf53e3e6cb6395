/**
 * The one error base class of eks-audit-bot. Each specific error sets a stable `code`; the edge (a Lambda
 * handler, the CLI, the HTTP server) decides what a code means: drop and count, retry, or tell the user.
 *
 * @example
 * throw new EksAuditError('CONFIG_INVALID', 'SLACK_SIGNING_SECRET is required');
 */
export class EksAuditError extends Error {
  override readonly name: string = 'EksAuditError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A configuration value is missing or invalid; names the setting. Raised at start, never mid-flight. */
export class ConfigError extends EksAuditError {
  override readonly name = 'ConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_INVALID', message, options);
  }
}

/** Input that cannot be used (a malformed event, a bad pattern); says what and where. */
export class InputError extends EksAuditError {
  override readonly name = 'InputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('INPUT_INVALID', message, options);
  }
}

/** Returns a one-line description of any thrown value, safe to log (no stack, no payload). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
