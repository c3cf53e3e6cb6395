import { createHash } from 'node:crypto';

/**
 * A stable hex digest (SHA-256, 32 hex characters) of the given parts. Parts are separated by a NUL, so
 * `('ab', 'c')` and `('a', 'bc')` differ; an absent part hashes as an empty string.
 *
 * @example
 * stableHash('prod-eu', '4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10'); // '9c1e...' (always the same)
 */
export function stableHash(...parts: readonly (string | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** The finding id: the same audit event on the same cluster always gives the same id (idempotency key). */
export function findingId(cluster: string, auditId: string): string {
  return `f-${stableHash('finding', cluster, auditId)}`;
}
