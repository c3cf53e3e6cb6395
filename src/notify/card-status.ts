import type { Alert, AlertResponse } from '../triage/model';
import { formatUtcTime, httpUrl } from './card-format';
import type { CardAction, CardActionKind, CardLink, StatusLine } from './card-types';

const verbs: Readonly<Record<CardActionKind, string>> = {
  acknowledge: 'Acknowledged',
  justify: 'Justified',
  escalate: 'Escalated',
};

/**
 * The card's status lines, one per accepted response, oldest first: `Acknowledged by bob, 14:02 UTC`,
 * `Justified by alice, 14:05 UTC: rotating a leaked key (ticket)`, `Escalated by carol, 14:07 UTC: not planned`.
 * Refused attempts stay in the trail only: they did not happen, and showing them would crowd the card.
 *
 * @example
 * statusLines(anAlert({ responses: [aResponse()] }))[0]?.plain; // 'Acknowledged by bob, 14:02 UTC'
 */
export function statusLines(alert: Alert): StatusLine[] {
  return alert.responses.flatMap((response) => {
    if (response.action === 'refused') return [];
    return [statusLine(response.action, response, alert.finding.time)];
  });
}

function statusLine(action: CardActionKind, response: AlertResponse, eventTime: string): StatusLine {
  const atText = formatUtcTime(response.at, eventTime);
  const text = response.text?.trim() || undefined;
  const ticketUrl = httpUrl(response.ticketUrl);
  const ticket: CardLink | undefined = ticketUrl
    ? { kind: 'ticket', label: `ticket (${new URL(ticketUrl).host})`, url: ticketUrl }
    : undefined;
  // A ticket "link" that is not http(s) is still shown, as text, so nothing the person typed is lost.
  const ticketReference = ticket ? undefined : response.ticketUrl?.trim() || undefined;
  const ticketText = ticket ? ` (${ticket.label})` : ticketReference ? ` (ticket: ${ticketReference})` : '';
  const plain = `${verbs[action]} by ${response.by.name}, ${atText}${text ? `: ${text}` : ''}${ticketText}`;
  return {
    action,
    by: response.by,
    at: response.at,
    atText,
    ...(text ? { text } : {}),
    ...(ticket ? { ticket } : {}),
    ...(ticketReference ? { ticketReference } : {}),
    plain,
  };
}

const escalateConfirm = {
  title: 'Escalate this alert?',
  text: 'This posts the alert to the escalation channel and notifies whoever is subscribed to escalations (on-call paging included). You will be asked for a reason.',
  confirm: 'Escalate',
  deny: 'Cancel',
} as const;

const allActions: readonly CardAction[] = [
  { kind: 'acknowledge', label: 'Acknowledge', style: 'primary' },
  { kind: 'justify', label: 'Justify', style: 'default' },
  { kind: 'escalate', label: 'Escalate', style: 'danger', confirm: escalateConfirm },
];

/**
 * The buttons still worth offering: each one disappears once its action has been recorded (Acknowledge once
 * acknowledged, Justify once justified, Escalate once escalated). Who may press them is the triage policy's
 * business, decided on click, not here: everyone sees the same card.
 *
 * @example
 * availableActions(anAlert({ responses: [aResponse()] })).map((a) => a.kind); // ['justify', 'escalate']
 */
export function availableActions(alert: Alert): CardAction[] {
  const done = new Set(alert.responses.map((response) => response.action));
  return allActions.filter((action) => !done.has(action.kind));
}
