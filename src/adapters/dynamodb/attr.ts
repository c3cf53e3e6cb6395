import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * A small DynamoDB attribute codec for the plain JSON-like values this adapter stores (strings, numbers,
 * booleans, lists, maps). `undefined` map entries are left out, so optional fields stay absent.
 */

/** Plain value -> AttributeValue. */
export function toAttr(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(toAttr) };
  if (typeof value === 'object') return { M: toItem(value as Record<string, unknown>) };
  throw new TypeError(`cannot store a value of type ${typeof value}`);
}

/** Plain object -> item (map of attributes), leaving out undefined entries. */
export function toItem(value: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) out[key] = toAttr(entry);
  }
  return out;
}

/** AttributeValue -> plain value (number sets and binary are not used by this table and come back as-is). */
export function fromAttr(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(fromAttr);
  if (value.M !== undefined) return fromItem(value.M);
  if (value.SS !== undefined) return [...value.SS];
  return value;
}

/** Item -> plain object. */
export function fromItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(item)) out[key] = fromAttr(entry);
  return out;
}
