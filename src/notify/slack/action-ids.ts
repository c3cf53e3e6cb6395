import { InputError } from '../../shared/errors';
import * as z from '../../shared/zod';
import type { CardActionKind } from '../card-types';

/**
 * Every Slack `action_id` the app emits and listens for, in one place: the renderer puts them on buttons,
 * the Bolt app registers listeners for the same constants, so the two cannot drift apart.
 */
export const SlackActionIds = {
  acknowledge: 'eks_audit_ack',
  justify: 'eks_audit_justify',
  escalate: 'eks_audit_escalate',
} as const satisfies Record<CardActionKind, string>;

/** One of the action ids above. */
export type SlackActionId = (typeof SlackActionIds)[keyof typeof SlackActionIds];

/**
 * The card action an action id stands for, or undefined for an id that is not ours.
 *
 * @example
 * cardActionOf('eks_audit_ack'); // 'acknowledge'
 */
export function cardActionOf(actionId: string): CardActionKind | undefined {
  const entry = Object.entries(SlackActionIds).find(([, id]) => id === actionId);
  return entry?.[0] as CardActionKind | undefined;
}

/**
 * What a button carries back to us: the alert it belongs to. Versioned (`v`) so a card posted by an older
 * release can still be read, or clearly refused, after an upgrade. Alert ids are bounded well under Slack's
 * 2,000-character button value limit.
 */
export const ButtonValueSchema = z.strictObject({
  v: z.literal(1),
  alertId: z.string().check(z.minLength(1)).check(z.maxLength(512)),
});
/** A parsed button value. */
export type ButtonValue = z.infer<typeof ButtonValueSchema>;

/**
 * The `value` string for a button of this alert.
 *
 * @example
 * buttonValue('f-6b1d0c9e2a4f'); // '{"v":1,"alertId":"f-6b1d0c9e2a4f"}'
 */
export function buttonValue(alertId: string): string {
  return JSON.stringify(ButtonValueSchema.parse({ v: 1, alertId }));
}

/**
 * Reads a button's `value` back from an interaction payload (untrusted input: anyone can forge a payload body,
 * even if the signature check will stop it, and old cards carry old values).
 *
 * @throws InputError naming what is wrong, e.g. `button value: alertId: Too small...`.
 * @example
 * parseButtonValue('{"v":1,"alertId":"f-6b1d0c9e2a4f"}'); // { v: 1, alertId: 'f-6b1d0c9e2a4f' }
 */
export function parseButtonValue(value: unknown): ButtonValue {
  if (typeof value !== 'string') throw new InputError(`button value: expected a string, got ${typeof value}`);
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new InputError('button value: not JSON');
  }
  const parsed = ButtonValueSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new InputError(`button value: ${issues}`);
  }
  return parsed.data;
}
