import { formatUtcTime } from '../notify/card-format';
import { escapeMrkdwn, mrkdwnCode } from '../notify/slack/escape';
import type { Responder } from '../triage/model';
import type { FollowUpFailure, TriageOutcome } from '../triage/outcome';
import { triageLimits } from '../triage/schemas';

/**
 * The ephemeral replies to the person who clicked, as Slack mrkdwn. Everything that came from people
 * (names, reasons, error texts) is escaped; people are mentioned by id so Slack shows their current name.
 */

const done = { acknowledge: 'acknowledged', escalate: 'escalated', justify: 'justified' } as const;

/**
 * What to tell the person who clicked, or undefined when the updated card says it all.
 *
 * @example
 * slackReply(alreadyAcknowledgedByBob, now); // 'Already acknowledged by <@U0BOB> at 14:02 UTC.'
 */
export function slackReply(outcome: TriageOutcome, now: Date): string | undefined {
  switch (outcome.kind) {
    case 'ok': {
      // A Teams card that could not be updated is logged by the triage service and left out: the person in
      // Slack cannot act on it, and it catches up with the next response or its own refresh.
      const problems = outcome.followUp.failures
        .filter((failure) => failure.platform !== 'teams')
        .map(failureLine);
      const confirmation =
        outcome.action === 'escalate' ? escalationConfirmation(outcome.followUp.notified) : undefined;
      if (problems.length === 0) return confirmation;
      return [`Your response was recorded (${done[outcome.action]}), but:`, ...problems].join('\n');
    }
    case 'refused':
      return `🚫 ${escapeMrkdwn(outcome.reason)}`;
    case 'already-done':
      return `Already ${done[outcome.action]} by ${who(outcome.by)} at ${formatUtcTime(outcome.at, now.toISOString())}.`;
    case 'limit-reached':
      return `This alert already holds ${triageLimits.maxJustifications} justifications, as many as it can keep. Add yours to the ticket, or ask in the channel.`;
    case 'not-found':
      return `Alert ${mrkdwnCode(outcome.alertId)} is not in the audit trail (it may be past its retention period).`;
  }
}

/** The reply when something went wrong before the trail could answer (it is down, or the payload is bad). */
export function failureReply(what: string): string {
  return `⚠️ Your ${what} could not be recorded just now. Nothing was changed; please try again in a moment.`;
}

function escalationConfirmation(notified: readonly string[]): string {
  if (notified.length === 0)
    return '🚨 Escalated. No escalation channel or topic is configured, so nobody else was notified.';
  return `🚨 Escalated: sent to the ${notified.join(' and the ')}.`;
}

function failureLine(failure: FollowUpFailure): string {
  const error = escapeMrkdwn(failure.error, { singleLine: true });
  if (failure.kind === 'card')
    return `• the card in ${channel(failure.target)} could not be updated (${error}); it will catch up with the next response.`;
  return `• the ${escapeMrkdwn(failure.target)} was not notified (${error}): tell the on-call person yourself.`;
}

function channel(id: string): string {
  return /^[CGD][A-Z0-9]+$/.test(id) ? `<#${id}>` : mrkdwnCode(id);
}

/** A Slack user is mentioned; anyone else (a Teams or CLI responder) is named, escaped. */
function who(by: Responder): string {
  if (by.platform === 'slack' && /^[UW][A-Z0-9]{2,}$/.test(by.userId)) return `<@${by.userId}>`;
  return escapeMrkdwn(by.name, { singleLine: true });
}
