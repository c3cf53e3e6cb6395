import { describeError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Alert, AlertResponse, PostedMessage } from './model';
import type { FollowUp, FollowUpFailure } from './outcome';
import type { ResponseContext, TriageServiceDeps } from './service';

/**
 * After a response is recorded: every posted card of the alert is updated in place and, for an escalation,
 * every escalation destination is told, all at once (a click waits for the slowest, not the sum). Nothing
 * here can undo the response: failures are logged and reported, for the reply to mention.
 *
 * A card the click came from that the trail does not know yet (its `recordMessage` was lost) is recorded
 * first, so later responses update it too.
 *
 * @example
 * const { alert, followUp } = await followUp(recorded, response, { origin }, deps, log);
 * followUp.failures;
 * // [{ kind: 'card', platform: 'slack', target: 'C0ALERTS', error: 'SlackApiError: ... ratelimited' }]
 */
export async function followUp(
  recorded: Alert,
  response: AlertResponse,
  context: ResponseContext,
  deps: Pick<TriageServiceDeps, 'trail' | 'cards' | 'escalations'>,
  log: Logger,
): Promise<{ alert: Alert; followUp: FollowUp }> {
  const alert = await withOrigin(recorded, context.origin, deps, log);
  const cards = alert.messages.flatMap((message) => {
    const publisher = deps.cards?.[message.platform];
    return publisher ? [{ message, publisher }] : [];
  });
  const notifiers = response.action === 'escalate' ? (deps.escalations ?? []) : [];
  const escalation = { alert, response, ...(context.origin ? { origin: context.origin } : {}) };
  const [cardResults, notifyResults] = await Promise.all([
    Promise.allSettled(cards.map(({ message, publisher }) => publisher.update(alert, message))),
    Promise.allSettled(notifiers.map((notifier) => notifier.notify(escalation))),
  ]);
  const failures: FollowUpFailure[] = [];
  const cardsUpdated: PostedMessage[] = [];
  cardResults.forEach((result, index) => {
    const message = cards[index]?.message;
    if (!message) return;
    if (result.status === 'fulfilled') cardsUpdated.push(message);
    else
      failures.push({
        kind: 'card',
        platform: message.platform,
        target: message.channel,
        error: describeError(result.reason),
      });
  });
  const notified: string[] = [];
  notifyResults.forEach((result, index) => {
    const name = notifiers[index]?.name ?? 'escalation';
    if (result.status === 'fulfilled') notified.push(name);
    else failures.push({ kind: 'escalation', target: name, error: describeError(result.reason) });
  });
  for (const failure of failures) {
    log.warn('triage follow-up failed', { alertId: alert.id, action: response.action, ...failure });
  }
  return { alert, followUp: { cardsUpdated, notified, failures } };
}

async function withOrigin(
  alert: Alert,
  origin: PostedMessage | undefined,
  deps: Pick<TriageServiceDeps, 'trail'>,
  log: Logger,
): Promise<Alert> {
  if (!origin || alert.messages.some((message) => sameMessage(message, origin))) return alert;
  try {
    const stored = await deps.trail.recordMessage(alert.id, origin);
    if (stored.ok) return stored.alert;
  } catch (error) {
    log.warn('clicked card not recorded', { alertId: alert.id, error: describeError(error) });
  }
  // Not recorded (the alert holds as many cards as it may): still update the card that was clicked.
  return { ...alert, messages: [...alert.messages, origin] };
}

function sameMessage(a: PostedMessage, b: PostedMessage): boolean {
  return a.platform === b.platform && a.channel === b.channel && a.messageId === b.messageId;
}
