/**
 * Block Kit validation as Slack's API applies it, for the fake Slack server. The limits are written here as
 * literals from docs.slack.dev, NOT imported from src/notify/slack/limits.ts: the server is an independent
 * check, so a wrong constant in the renderer is caught instead of being agreed with.
 *
 * Errors read like Slack's `response_metadata.messages`: `[ERROR] <what> [json-pointer:/blocks/0/text/text]`.
 */

type Json = Record<string, unknown>;
type Errors = string[];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Per-surface limits: https://docs.slack.dev/reference/block-kit/blocks, .../views/modal-views */
const maxBlocks = { message: 50, modal: 100 } as const;

/**
 * Validates a `blocks` array. Returns Slack-style error messages; empty when Slack would accept it.
 *
 * @example
 * validateBlocks([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], 'message');
 * // ['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]']
 */
export function validateBlocks(blocks: unknown, surface: 'message' | 'modal'): Errors {
  const errors: Errors = [];
  if (!Array.isArray(blocks)) return ['[ERROR] must provide an array [json-pointer:/blocks]'];
  if (blocks.length > maxBlocks[surface]) {
    errors.push(`[ERROR] no more than ${maxBlocks[surface]} items allowed [json-pointer:/blocks]`);
  }
  const seen = { actionIds: new Set<string>(), blockIds: new Set<string>() };
  blocks.forEach((item, i) => {
    block(errors, item, `/blocks/${i}`, seen);
  });
  return errors;
}

/**
 * Validates a modal view for views.open / views.update / views.push
 * (https://docs.slack.dev/reference/views/modal-views): title, submit and close at most 24 characters,
 * submit required with input blocks, 100 blocks, private_metadata 3000, callback_id 255.
 */
export function validateModalView(view: unknown): Errors {
  if (!isObject(view) || view.type !== 'modal')
    return ['[ERROR] must be a modal view [json-pointer:/view/type]'];
  const errors: Errors = [];
  textObject(errors, view.title, '/view/title', { max: 24, plainOnly: true, required: true });
  textObject(errors, view.submit, '/view/submit', { max: 24, plainOnly: true });
  textObject(errors, view.close, '/view/close', { max: 24, plainOnly: true });
  maxString(errors, view.private_metadata, '/view/private_metadata', 3000);
  maxString(errors, view.callback_id, '/view/callback_id', 255);
  const blocks = validateBlocks(view.blocks, 'modal').map((e) =>
    e.replace('[json-pointer:/blocks', '[json-pointer:/view/blocks'),
  );
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
  if (hasInput && view.submit === undefined)
    errors.push('[ERROR] submit is required when an input block is present [json-pointer:/view/submit]');
  return [...errors, ...blocks];
}

function block(errors: Errors, value: unknown, at: string, seen: Seen): void {
  if (!isObject(value) || typeof value.type !== 'string') {
    errors.push(`[ERROR] missing required field: type [json-pointer:${at}]`);
    return;
  }
  if (value.block_id !== undefined)
    uniqueId(errors, value.block_id, `${at}/block_id`, seen.blockIds, 'block_id');
  const check = blockRules[value.type];
  if (!check) errors.push(`[ERROR] unsupported type: ${value.type} [json-pointer:${at}/type]`);
  else check(errors, value, at, seen);
}

interface Seen {
  actionIds: Set<string>;
  blockIds: Set<string>;
}
type Rule = (errors: Errors, value: Json, at: string, seen: Seen) => void;

const blockRules: Record<string, Rule> = {
  divider: (errors, value, at) => onlyKeys(errors, value, at, ['type', 'block_id']),
  header: (errors, value, at) => {
    onlyKeys(errors, value, at, ['type', 'text', 'block_id']);
    textObject(errors, value.text, `${at}/text`, { max: 150, plainOnly: true, required: true });
  },
  section: (errors, value, at, seen) => {
    onlyKeys(errors, value, at, ['type', 'text', 'fields', 'accessory', 'block_id', 'expand']);
    if (value.text === undefined && value.fields === undefined) {
      errors.push(`[ERROR] must provide either text or fields [json-pointer:${at}]`);
    }
    if (value.text !== undefined) textObject(errors, value.text, `${at}/text`, { max: 3000 });
    if (value.fields !== undefined)
      list(errors, value.fields, `${at}/fields`, 10, (f, p) => textObject(errors, f, p, { max: 2000 }));
    if (value.accessory !== undefined) element(errors, value.accessory, `${at}/accessory`, seen);
  },
  context: (errors, value, at) => {
    onlyKeys(errors, value, at, ['type', 'elements', 'block_id']);
    list(errors, value.elements, `${at}/elements`, 10, (e, p) => {
      if (isObject(e) && e.type === 'image') return;
      textObject(errors, e, p, { max: 3000 });
    });
  },
  actions: (errors, value, at, seen) => {
    onlyKeys(errors, value, at, ['type', 'elements', 'block_id']);
    list(errors, value.elements, `${at}/elements`, 25, (e, p) => element(errors, e, p, seen));
  },
  input: (errors, value, at, seen) => {
    onlyKeys(errors, value, at, [
      'type',
      'label',
      'element',
      'hint',
      'optional',
      'dispatch_action',
      'block_id',
    ]);
    textObject(errors, value.label, `${at}/label`, { max: 2000, plainOnly: true, required: true });
    if (value.hint !== undefined)
      textObject(errors, value.hint, `${at}/hint`, { max: 2000, plainOnly: true });
    element(errors, value.element, `${at}/element`, seen);
  },
};

function element(errors: Errors, value: unknown, at: string, seen: Seen): void {
  if (!isObject(value) || typeof value.type !== 'string') {
    errors.push(`[ERROR] missing required field: type [json-pointer:${at}]`);
    return;
  }
  if (value.action_id !== undefined)
    uniqueId(errors, value.action_id, `${at}/action_id`, seen.actionIds, 'action_id');
  if (value.type === 'button') {
    button(errors, value, at);
    return;
  }
  if (value.type === 'plain_text_input' || value.type === 'url_text_input') {
    onlyKeys(errors, value, at, [
      'type',
      'action_id',
      'placeholder',
      'initial_value',
      'multiline',
      'min_length',
      'max_length',
      'dispatch_action_config',
      'focus_on_load',
    ]);
    if (value.placeholder !== undefined)
      textObject(errors, value.placeholder, `${at}/placeholder`, { max: 150, plainOnly: true });
    if (typeof value.max_length === 'number' && value.max_length > 3000) {
      errors.push(`[ERROR] must be less than 3001 [json-pointer:${at}/max_length]`);
    }
    return;
  }
  if (
    !['static_select', 'users_select', 'overflow', 'datepicker', 'checkboxes', 'radio_buttons'].includes(
      value.type,
    )
  ) {
    errors.push(`[ERROR] unsupported type: ${value.type} [json-pointer:${at}/type]`);
  }
}

function button(errors: Errors, value: Json, at: string): void {
  onlyKeys(errors, value, at, [
    'type',
    'text',
    'action_id',
    'url',
    'value',
    'style',
    'confirm',
    'accessibility_label',
  ]);
  textObject(errors, value.text, `${at}/text`, { max: 75, plainOnly: true, required: true });
  maxString(errors, value.value, `${at}/value`, 2000);
  maxString(errors, value.url, `${at}/url`, 3000);
  maxString(errors, value.accessibility_label, `${at}/accessibility_label`, 75);
  if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
    errors.push(`[ERROR] must be one of primary, danger [json-pointer:${at}/style]`);
  }
  if (value.confirm !== undefined) confirm(errors, value.confirm, `${at}/confirm`);
}

function confirm(errors: Errors, value: unknown, at: string): void {
  if (!isObject(value)) {
    errors.push(`[ERROR] must be an object [json-pointer:${at}]`);
    return;
  }
  onlyKeys(errors, value, at, ['title', 'text', 'confirm', 'deny', 'style']);
  textObject(errors, value.title, `${at}/title`, { max: 100, plainOnly: true, required: true });
  textObject(errors, value.text, `${at}/text`, { max: 300, required: true });
  textObject(errors, value.confirm, `${at}/confirm`, { max: 30, plainOnly: true, required: true });
  textObject(errors, value.deny, `${at}/deny`, { max: 30, plainOnly: true, required: true });
}

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

function list(
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

function uniqueId(errors: Errors, value: unknown, at: string, seen: Set<string>, what: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    errors.push(`[ERROR] ${what} must be 1 to 255 characters [json-pointer:${at}]`);
    return;
  }
  if (seen.has(value)) errors.push(`[ERROR] ${what} already exists: ${value} [json-pointer:${at}]`);
  seen.add(value);
}

function maxString(errors: Errors, value: unknown, at: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') errors.push(`[ERROR] must be a string [json-pointer:${at}]`);
  else if (value.length > max)
    errors.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${at}]`);
}

function onlyKeys(errors: Errors, value: Json, at: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      errors.push(`[ERROR] invalid additional property: ${key} [json-pointer:${at}]`);
  }
}
