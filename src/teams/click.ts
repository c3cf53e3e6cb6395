import { TeamsInputIds, TeamsVerbs } from '../notify/teams/actions';
import * as z from '../shared/zod';
import { EscalationReasonSchema, JustificationSchema } from '../triage/inputs';

/** A click on a Teams card, parsed from the `adaptiveCard/action` invoke's `value`. */
export type TeamsClick =
  | { readonly verb: 'refresh'; readonly alertId: string }
  | { readonly verb: 'acknowledge'; readonly alertId: string }
  | { readonly verb: 'justify'; readonly alertId: string; readonly text: string; readonly ticketUrl?: string }
  | { readonly verb: 'escalate'; readonly alertId: string; readonly text: string };

const verbOf: Readonly<Record<string, TeamsClick['verb']>> = {
  [TeamsVerbs.acknowledge]: 'acknowledge',
  [TeamsVerbs.justify]: 'justify',
  [TeamsVerbs.escalate]: 'escalate',
  [TeamsVerbs.refresh]: 'refresh',
};

/** `Action.Execute` sends the action's `data` with the card's input values merged in. */
const InvokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute', 'only Action.Execute is handled'),
    verb: z.string(),
    data: z.looseObject({
      alertId: z.string('alertId is missing').check(z.minLength(1)).check(z.maxLength(200)),
    }),
  }),
});

/** A click that cannot be used, with what was wrong (shown to the person who clicked). */
export interface BadClick {
  readonly problem: string;
}

/**
 * Reads an `adaptiveCard/action` invoke value. Teams enforces the card's required inputs, but the value is
 * still checked here: anyone holding a valid token could send another.
 *
 * @example
 * parseTeamsClick({ action: { type: 'Action.Execute', verb: 'eksAudit.justify',
 *   data: { alertId: 'f-1', justifyReason: 'rotating a leaked key' } } });
 * // { verb: 'justify', alertId: 'f-1', text: 'rotating a leaked key' }
 */
export function parseTeamsClick(value: unknown): TeamsClick | BadClick {
  const invoke = InvokeValueSchema.safeParse(value);
  if (!invoke.success) return { problem: firstProblem(invoke.error) };
  const { verb: rawVerb, data } = invoke.data.action;
  const verb = verbOf[rawVerb];
  const alertId = data.alertId;
  if (verb === undefined) return { problem: `unknown action ${JSON.stringify(rawVerb.slice(0, 50))}` };
  if (verb === 'refresh' || verb === 'acknowledge') return { verb, alertId };
  // The same schemas the triage service applies, so a problem is told to the person, not logged as a bug.
  if (verb === 'justify') {
    const inputs = JustificationSchema.safeParse({
      reason: data[TeamsInputIds.justifyReason],
      ticketUrl: data[TeamsInputIds.justifyTicketUrl],
    });
    if (!inputs.success) return { problem: firstProblem(inputs.error) };
    const { reason, ticketUrl } = inputs.data;
    return { verb, alertId, text: reason, ...(ticketUrl ? { ticketUrl } : {}) };
  }
  const inputs = EscalationReasonSchema.safeParse({ reason: data[TeamsInputIds.escalateReason] });
  if (!inputs.success) return { problem: firstProblem(inputs.error) };
  return { verb, alertId, text: inputs.data.reason };
}

/** True when parsing failed. */
export function isBadClick(click: TeamsClick | BadClick): click is BadClick {
  return 'problem' in click;
}

function firstProblem(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid action';
  const where = issue.path.join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
