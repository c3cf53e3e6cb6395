import type { AlertResponse, AlertStatus, ResponseAction } from './model';

/**
 * Status precedence, strongest first. An alert shows the strongest thing anyone has done about it:
 * - `escalated` beats everything: once someone has raised it, it is somebody else's incident, whatever
 *   else was said;
 * - `justified` beats `acknowledged`: a recorded reason (and maybe a ticket) says more than "seen";
 * - `acknowledged`: someone took note;
 * - `open`: nobody has responded yet.
 * Refused attempts never change the status: they are recorded, but they did not happen.
 */
export const statusPrecedence: readonly AlertStatus[] = ['escalated', 'justified', 'acknowledged', 'open'];

const statusOfAction: Readonly<Record<Exclude<ResponseAction, 'refused'>, AlertStatus>> = {
  escalate: 'escalated',
  justify: 'justified',
  acknowledge: 'acknowledged',
};

/**
 * Derives an alert's status from its trail, so the two can never disagree.
 *
 * @example
 * deriveStatus([]); // 'open'
 * deriveStatus([ack, justification]); // 'justified'
 * deriveStatus([refusedAck]); // 'open'
 */
export function deriveStatus(responses: readonly AlertResponse[]): AlertStatus {
  const reached = new Set<AlertStatus>(['open']);
  for (const response of responses) {
    if (response.action !== 'refused') reached.add(statusOfAction[response.action]);
  }
  return statusPrecedence.find((status) => reached.has(status)) ?? 'open';
}

/**
 * The first accepted response of one kind (the acknowledgement, the escalation), or undefined. The trail is
 * append-only and in time order, so the first one is the one that counts.
 *
 * @example
 * firstResponse(alert.responses, 'acknowledge')?.by.name; // 'bob'
 */
export function firstResponse(
  responses: readonly AlertResponse[],
  action: Exclude<ResponseAction, 'refused'>,
): AlertResponse | undefined {
  return responses.find((response) => response.action === action);
}
