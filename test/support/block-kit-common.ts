/** Shared pieces of the fake server's Block Kit validation (see block-kit-rules.ts). */

export type Json = Record<string, unknown>;
export type Errors = string[];

/** Action and block ids seen so far in one message or view (they must be unique). */
export interface Seen {
  actionIds: Set<string>;
  blockIds: Set<string>;
}

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text object: https://docs.slack.dev/reference/block-kit/composition-objects/text-object (1..3000). */
export function textObject(
  errors: Errors,
  value: unknown,
  at: string,
  rule: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined && !rule.required) return;
  if (!isObject(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn')) {
    errors.push(`[ERROR] must be a text object [json-pointer:${at}]`);
    return;
  }
  if (rule.plainOnly && value.type !== 'plain_text') {
    errors.push(`[ERROR] must be a plain_text object [json-pointer:${at}/type]`);
  }
  onlyKeys(
    errors,
    value,
    at,
    value.type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'],
  );
  if (typeof value.text !== 'string' || value.text.length === 0) {
    errors.push(`[ERROR] must be more than 0 characters [json-pointer:${at}/text]`);
  } else if (value.text.length > rule.max) {
    errors.push(`[ERROR] must be less than ${rule.max + 1} characters [json-pointer:${at}/text]`);
  }
}

/** A non-empty array of at most `max` items, each checked. */
export function list(
  errors: Errors,
  value: unknown,
  at: string,
  max: number,
  each: (item: unknown, at: string) => void,
): void {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`[ERROR] must provide a non-empty array [json-pointer:${at}]`);
    return;
  }
  if (value.length > max) errors.push(`[ERROR] no more than ${max} items allowed [json-pointer:${at}]`);
  value.forEach((item, i) => {
    each(item, `${at}/${i}`);
  });
}

/** An id of 1 to 255 characters, unique in its message. */
export function uniqueId(errors: Errors, value: unknown, at: string, seen: Set<string>, what: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    errors.push(`[ERROR] ${what} must be 1 to 255 characters [json-pointer:${at}]`);
    return;
  }
  if (seen.has(value)) errors.push(`[ERROR] ${what} already exists: ${value} [json-pointer:${at}]`);
  seen.add(value);
}

/** An optional string of at most `max` characters. */
export function maxString(errors: Errors, value: unknown, at: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') errors.push(`[ERROR] must be a string [json-pointer:${at}]`);
  else if (value.length > max)
    errors.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${at}]`);
}

/** Slack rejects properties a block or element does not have. */
export function onlyKeys(errors: Errors, value: Json, at: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      errors.push(`[ERROR] invalid additional property: ${key} [json-pointer:${at}]`);
  }
}
