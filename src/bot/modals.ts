import type { KnownBlock, ModalView } from '@slack/types';
import { plain, section } from '../notify/slack/blocks';
import { escapeMrkdwn, mrkdwnCode } from '../notify/slack/escape';
import { SlackLimits, truncateMrkdwn } from '../notify/slack/limits';
import { InputError } from '../shared/errors';
import * as z from '../shared/zod';
import type { Alert, PostedMessage } from '../triage/model';
import { triageLimits } from '../triage/schemas';

/**
 * The Justify and Escalate modals. Their ids live in one `as const` object, as the buttons' do
 * (`SlackActionIds`): the modal builders and the submission listeners share them.
 */
export const SlackViewIds = {
  justifyModal: 'eks_audit_justify_modal',
  escalateModal: 'eks_audit_escalate_modal',
  /** Input blocks (errors are reported against block ids) and their elements. */
  reasonBlock: 'reason',
  reasonInput: 'reason_input',
  ticketBlock: 'ticket',
  ticketInput: 'ticket_input',
} as const;

/** What a modal carries from the click to the submission: the alert, and the card that was clicked. */
const ModalMetadataSchema = z.strictObject({
  v: z.literal(1),
  alertId: z.string().check(z.minLength(1)).check(z.maxLength(512)),
  channel: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(64))),
  ts: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(64))),
});

/** The alert and clicked card a modal belongs to. */
export interface ModalContext {
  readonly alertId: string;
  readonly origin?: PostedMessage;
}

/** `private_metadata` for a modal (well under Slack's 3,000 characters: ids only). */
export function modalMetadata(context: ModalContext): string {
  const { origin } = context;
  return JSON.stringify({
    v: 1,
    alertId: context.alertId,
    ...(origin ? { channel: origin.channel, ts: origin.messageId } : {}),
  });
}

/**
 * Reads `private_metadata` back.
 *
 * @throws InputError when it is not ours (a modal from an older release, or a forged payload)
 */
export function readModalMetadata(text: string): ModalContext {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('modal metadata: not JSON');
  }
  const parsed = ModalMetadataSchema.safeParse(json);
  if (!parsed.success)
    throw new InputError(`modal metadata: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { alertId, channel, ts } = parsed.data;
  return { alertId, ...(channel && ts ? { origin: { platform: 'slack', channel, messageId: ts } } : {}) };
}

/**
 * The Justify modal: a required reason and an optional ticket or change-request link.
 *
 * @example
 * await client.views.open({ trigger_id, view: justifyModal(alert, { alertId: alert.id, origin }) });
 */
export function justifyModal(alert: Alert, context: ModalContext): ModalView {
  return modal(SlackViewIds.justifyModal, 'Justify this change', 'Record', context, [
    ...about(alert),
    reasonInput('Why was this change made?', 'e.g. rotating a leaked key, agreed with the on-call lead'),
    {
      type: 'input',
      block_id: SlackViewIds.ticketBlock,
      optional: true,
      label: plain('Ticket or change request'),
      hint: plain('An http(s) link, e.g. https://jira.example.com/browse/OPS-123'),
      element: { type: 'url_text_input', action_id: SlackViewIds.ticketInput },
    },
  ]);
}

/**
 * The Escalate modal: a required reason (the button's confirm dialog came first).
 *
 * @example
 * await client.views.open({ trigger_id, view: escalateModal(alert, { alertId: alert.id, origin }) });
 */
export function escalateModal(alert: Alert, context: ModalContext): ModalView {
  return modal(SlackViewIds.escalateModal, 'Escalate this alert', 'Escalate', context, [
    ...about(alert),
    reasonInput(
      'Why does this need escalating?',
      'e.g. nobody planned this change; the secret may be compromised',
    ),
  ]);
}

function modal(
  callbackId: string,
  title: string,
  submit: string,
  context: ModalContext,
  blocks: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: modalMetadata(context),
    title: plain(title, SlackLimits.modalTitle),
    submit: plain(submit, SlackLimits.modalSubmit),
    close: plain('Cancel', SlackLimits.modalClose),
    blocks,
  };
}

/** Says which alert this is about, escaped like the card. */
function about(alert: Alert): KnownBlock[] {
  const summary = escapeMrkdwn(alert.finding.summary, { singleLine: true });
  return [section(truncateMrkdwn(`*${summary}*\nAlert ${mrkdwnCode(alert.id)}`, SlackLimits.sectionText))];
}

function reasonInput(label: string, placeholder: string): KnownBlock {
  return {
    type: 'input',
    block_id: SlackViewIds.reasonBlock,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: SlackViewIds.reasonInput,
      multiline: true,
      max_length: triageLimits.maxTextLength,
      placeholder: plain(placeholder, 150),
    },
  };
}
