/**
 * Block Kit validation as Slack's API applies it, for the fake Slack server. The limits are written here as
 * literals from docs.slack.dev, NOT imported from src/notify/slack/limits.ts: the server is an independent
 * check, so a wrong constant in the renderer is caught instead of being agreed with.
 *
 * Errors read like Slack's `response_metadata.messages`: `[ERROR] <what> [json-pointer:/blocks/0/text/text]`.
 */

import {
  type Errors,
  isObject,
  type Json,
  list,
  maxString,
  onlyKeys,
  type Seen,
  textObject,
  uniqueId,
} from './block-kit-common';
import { element } from './block-kit-elements';

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
