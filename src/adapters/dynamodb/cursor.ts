import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InputError } from '../../shared/errors';
import * as z from '../../shared/zod';

/**
 * Opaque page cursors: base64url JSON of where the next page starts (the index, the partition and the last
 * item's keys). A cursor is only valid for the query that produced it; anything else is rejected, not guessed.
 */
const CursorSchema = z.object({
  v: z.literal(1),
  /** The index the query ran on. */
  i: z.string(),
  /** The partition (month bucket, actor, cluster) to continue in. */
  p: z.string(),
  /** The key of the last item returned; absent = start of partition `p`. */
  k: z.optional(z.record(z.string(), z.string())),
});

/** Where a listing resumes: index, partition, and the last key returned there. */
export interface CursorPosition {
  readonly index: string;
  readonly partition: string;
  readonly lastKey?: Record<string, AttributeValue>;
}

/** Encodes a position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  const k = position.lastKey
    ? Object.fromEntries(Object.entries(position.lastKey).map(([name, value]) => [name, value.S ?? '']))
    : undefined;
  return Buffer.from(JSON.stringify({ v: 1, i: position.index, p: position.partition, k }), 'utf8').toString(
    'base64url',
  );
}

/**
 * Decodes a cursor, checking it belongs to a query on `index` over `partitions`.
 *
 * @throws InputError when the cursor is malformed or from another query.
 */
export function decodeCursor(cursor: string, index: string, partitions: readonly string[]): CursorPosition {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('cursor: not a cursor returned by this listing');
  }
  const parsed = CursorSchema.safeParse(raw);
  if (!parsed.success || parsed.data.i !== index || !partitions.includes(parsed.data.p)) {
    throw new InputError(
      'cursor: not a cursor returned by this listing (or the query changed between pages)',
    );
  }
  const { k } = parsed.data;
  return {
    index,
    partition: parsed.data.p,
    ...(k
      ? { lastKey: Object.fromEntries(Object.entries(k).map(([name, value]) => [name, { S: value }])) }
      : {}),
  };
}
