import type { InvokeResponse } from '@microsoft/teams.api';
import { formatUtcTime } from '../notify/card-format';
import { buildCard } from '../notify/card-model';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../notify/teams/message';
import { renderTeamsCard } from '../notify/teams/render';
import type { Alert } from '../triage/model';
import type { FollowUpFailure, TriageOutcome } from '../triage/outcome';
import { triageLimits } from '../triage/schemas';

/** The body of an `adaptiveCard/action` invoke response. */
export type CardActionResponse = InvokeResponse<'adaptiveCard/action'>['body'];

/** The card in its current state: Teams shows it in place of the clicked one. */
export function cardResponse(alert: Alert): CardActionResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: renderTeamsCard(buildCard(alert)) };
}

/** A sentence Teams shows to the person who clicked only (the card stays as it is). */
export function messageResponse(text: string): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** The click could not be used (a crafted or outdated request); `problem` says why. */
export function badRequest(problem: string): CardActionResponse {
  const value = { code: 'BadRequest', message: problem, innerHttpError: { statusCode: 400, body: null } };
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value };
}

const done = { acknowledge: 'acknowledged', escalate: 'escalated', justify: 'justified' } as const;

/**
 * The answer to a click, from the triage service's outcome: the updated card when all went well (Slack cards
 * aside), else a sentence for the person who clicked (the same decisions and words as in Slack, without
 * Slack's markup).
 *
 * @example
 * teamsReply(alreadyAcknowledgedByBob, now); // message 'Already acknowledged by Bob Builder at 14:02 UTC.'
 */
export function teamsReply(outcome: TriageOutcome, now: Date): CardActionResponse {
  switch (outcome.kind) {
    case 'ok': {
      // A Slack card left stale is logged (by the triage service), not told: the person in Teams cannot see it.
      const problems = outcome.followUp.failures
        .filter((failure) => failure.platform !== 'slack')
        .map(failureLine);
      if (problems.length > 0) {
        return messageResponse(
          [`Your response was recorded (${done[outcome.action]}), but:`, ...problems].join('\n'),
        );
      }
      if (outcome.action === 'escalate')
        return messageResponse(escalationConfirmation(outcome.followUp.notified));
      return cardResponse(outcome.alert);
    }
    case 'refused':
      return messageResponse(outcome.reason);
    case 'already-done':
      return messageResponse(
        `Already ${done[outcome.action]} by ${outcome.by.name} at ${formatUtcTime(outcome.at, now.toISOString())}.`,
      );
    case 'limit-reached':
      return messageResponse(
        `This alert already holds ${triageLimits.maxJustifications} justifications, as many as it can keep. Add yours to the ticket, or ask in the channel.`,
      );
    case 'not-found':
      return messageResponse(
        `Alert ${outcome.alertId} is not in the audit trail (it may be past its retention period).`,
      );
  }
}

function escalationConfirmation(notified: readonly string[]): string {
  if (notified.length === 0)
    return 'Escalated. No escalation topic is configured, so nobody else was notified.';
  return `Escalated: sent to the ${notified.join(' and the ')}.`;
}

function failureLine(failure: FollowUpFailure): string {
  if (failure.kind === 'card') {
    return `- the card in ${failure.target} could not be updated (${failure.error}); it will catch up with the next response.`;
  }
  return `- the ${failure.target} was not notified (${failure.error}): tell the on-call person yourself.`;
}
