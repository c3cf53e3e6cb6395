import { parseButtonValue } from '../notify/slack/action-ids';
import { InputError } from '../shared/errors';
import * as z from '../shared/zod';
import type { PostedMessage, Responder } from '../triage/model';

/**
 * Reading Slack interaction payloads. Bolt has checked the signature, so the payload comes from Slack; its
 * shape is still checked here, and only what the listeners use is kept.
 */

const SlackUserSchema = z.object({
  id: z.string().check(z.regex(/^[UW][A-Z0-9]+$/, 'expected a Slack user id')),
  username: z.optional(z.string()),
  name: z.optional(z.string()),
});

const ButtonClickSchema = z.object({
  type: z.literal('block_actions'),
  user: SlackUserSchema,
  trigger_id: z.string().check(z.minLength(1)),
  channel: z.optional(z.object({ id: z.string().check(z.minLength(1)) })),
  container: z.optional(z.object({ channel_id: z.optional(z.string()), message_ts: z.optional(z.string()) })),
  message: z.optional(z.object({ ts: z.string().check(z.minLength(1)) })),
  actions: z.array(z.object({ action_id: z.string(), value: z.optional(z.string()) })).check(z.minLength(1)),
});

/** A click on one of a card's buttons. */
export interface ButtonClick {
  readonly alertId: string;
  /** The person who clicked, as the payload names them (the directory fills in the rest). */
  readonly responder: Responder;
  /** The card that was clicked (absent for a click outside a message). */
  readonly origin?: PostedMessage;
  readonly triggerId: string;
}

/**
 * Reads a `block_actions` payload of one of our buttons.
 *
 * @throws InputError naming what is wrong (`button value: alertId: ...`, `user.id: expected a Slack user id`)
 * @example
 * parseButtonClick(body); // { alertId: 'f-6b1d0c9e2a4f', responder: { platform: 'slack', userId: 'U0BOB', ... } }
 */
export function parseButtonClick(body: unknown): ButtonClick {
  const click = parseWith(ButtonClickSchema, body, 'button click');
  const [action] = click.actions;
  const { alertId } = parseButtonValue(action?.value);
  const channel = click.channel?.id ?? click.container?.channel_id;
  const ts = click.message?.ts ?? click.container?.message_ts;
  return {
    alertId,
    responder: slackResponder(click.user),
    ...(channel && ts ? { origin: { platform: 'slack', channel, messageId: ts } } : {}),
    triggerId: click.trigger_id,
  };
}

/**
 * The clicked card as the context of a response or a modal (`{}` for a click outside a message).
 *
 * @example
 * await triage.acknowledge(click.alertId, click.responder, clickContext(click));
 */
export function clickContext(click: ButtonClick): { readonly origin?: PostedMessage } {
  return click.origin ? { origin: click.origin } : {};
}

const InputStateSchema = z.looseObject({ value: z.nullish(z.string()) });

const ViewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: SlackUserSchema,
  view: z.object({
    callback_id: z.string(),
    private_metadata: z._default(z.string(), ''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), InputStateSchema)) }),
  }),
});

/** A submitted modal: who, the metadata we put in it, and the value of each input (by block id). */
export interface ViewSubmission {
  readonly responder: Responder;
  readonly privateMetadata: string;
  /** The text typed in the input of each block; `''` for a block left empty. */
  value(blockId: string): string;
}

/**
 * Reads a `view_submission` payload.
 *
 * @throws InputError naming what is wrong
 * @example
 * parseViewSubmission(body).value('reason'); // 'rotating a leaked key'
 */
export function parseViewSubmission(body: unknown): ViewSubmission {
  const submission = parseWith(ViewSubmissionSchema, body, 'view submission');
  const values = submission.view.state.values;
  return {
    responder: slackResponder(submission.user),
    privateMetadata: submission.view.private_metadata,
    // Each of our input blocks holds one element, whatever its action id.
    value: (blockId) => Object.values(values[blockId] ?? {})[0]?.value ?? '',
  };
}

function slackResponder(user: z.infer<typeof SlackUserSchema>): Responder {
  return { platform: 'slack', userId: user.id, name: user.name || user.username || user.id };
}

function parseWith<T extends z.ZodMiniType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`,
  );
  throw new InputError(`${what}: ${problems.join('; ')}`);
}
