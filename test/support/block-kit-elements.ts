import {
  type Errors,
  isObject,
  type Json,
  maxString,
  onlyKeys,
  type Seen,
  textObject,
  uniqueId,
} from './block-kit-common';

/** Block elements the fake server checks: buttons in full, inputs and selects in outline. */
export function element(errors: Errors, value: unknown, at: string, seen: Seen): void {
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
