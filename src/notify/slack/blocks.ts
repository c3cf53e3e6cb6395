import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import type { CardAction } from '../card-types';
import { buttonValue, SlackActionIds } from './action-ids';
import { plainText } from './escape';
import { SlackLimits, truncatePlain } from './limits';

/**
 * Typed Block Kit constructors: the only place our blocks' JSON shape is written. Text passed to `mrkdwn()`
 * must already be escaped; text passed to `plain()` is raw (plain_text is never parsed for mentions or links).
 */

/**
 * A mrkdwn text object with `verbatim: true`: Slack then does not auto-link URLs, channel names or bare
 * mentions in it (our own `<@U…>` and `<url|label>` still work).
 */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A plain_text object with `emoji: false`, so a `:shortcode:` in user text stays literal. */
export function plain(text: string, max: number = 3000): PlainTextElement {
  return { type: 'plain_text', text: truncatePlain(plainText(text), max) || '–', emoji: false };
}

/** A header block (plain_text, 150 characters at most). */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, SlackLimits.headerText) };
}

/** A section with mrkdwn text (already escaped and fitted to 3,000). */
export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/** A section of mrkdwn fields (already escaped and fitted: 10 fields, 2,000 each). */
export function fieldsSection(fields: readonly string[]): SectionBlock {
  return { type: 'section', fields: fields.slice(0, SlackLimits.sectionFields).map(mrkdwn) };
}

/** A context block of mrkdwn elements (already escaped; 10 at most). */
export function context(elements: readonly string[]): ContextBlock {
  return { type: 'context', elements: elements.slice(0, SlackLimits.contextElements).map(mrkdwn) };
}

/** A divider block. */
export const divider: DividerBlock = { type: 'divider' };

/** The actions block: one button per card action, each carrying the alert id. */
export function actions(alertId: string, cardActions: readonly CardAction[]): ActionsBlock {
  return { type: 'actions', elements: cardActions.map((action) => button(alertId, action)) };
}

function button(alertId: string, action: CardAction): Button {
  const element: Button = {
    type: 'button',
    action_id: SlackActionIds[action.kind],
    text: plain(action.label, SlackLimits.buttonText),
    value: buttonValue(alertId),
  };
  if (action.style !== 'default') element.style = action.style;
  if (action.confirm) {
    element.confirm = {
      title: plain(action.confirm.title, SlackLimits.confirmTitle),
      text: plain(action.confirm.text, SlackLimits.confirmText),
      confirm: plain(action.confirm.confirm, SlackLimits.confirmButton),
      deny: plain(action.confirm.deny, SlackLimits.confirmButton),
      ...(action.style === 'danger' ? { style: 'danger' as const } : {}),
    };
  }
  return element;
}
