import { InputError } from '../../shared/errors';
import type { AlertResponse, PostedMessage } from '../../triage/model';
import { AlertResponseSchema, PostedMessageSchema } from '../../triage/schemas';

/** Checks a response against the model's limits before it can reach the table; names the bad field. */
export function parseResponse(response: AlertResponse): AlertResponse {
  const parsed = AlertResponseSchema.safeParse(response);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError(`response.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/** Checks a posted message; names the bad field. */
export function parseMessage(message: PostedMessage): PostedMessage {
  const parsed = PostedMessageSchema.safeParse(message);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError(`message.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/** [from, to) as `timeKey` bounds: `<to>` sorts before every `<to>#<id>`, so BETWEEN leaves `to` out. */
export function timeRange(from: Date, to: Date): { from: string; to: string } {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (Number.isNaN(value.getTime())) throw new InputError(`${name}: not a valid date`);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}
