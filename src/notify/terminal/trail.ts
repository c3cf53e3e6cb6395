import type { Alert, AlertResponse, PostedMessage, Responder } from '../../triage/model';
import { formatUtcDateTime } from '../card-format';
import { styleFor, type TerminalStyle, terminalSafe } from './text';

/**
 * An alert's whole trail for `eks-audit show`: every response in the order recorded, refused attempts
 * included (the card leaves them out; an auditor wants them), who made each (platform, user id, e-mail),
 * and where the cards were posted. Pure; text from people goes through `terminalSafe`.
 *
 * @example
 * renderTerminalTrail(alert, { color: false });
 * // Trail of f-6b1d0c9e2a4f: acknowledged, created 2026-11-20 14:01:09 UTC
 * //   2026-11-20 14:02:00 UTC  refused acknowledge  alice (cli:alice, alice@example.com): You made this change ...
 * //   2026-11-20 14:03:00 UTC  acknowledge          bob (cli:bob, bob@example.com)
 */
export function renderTerminalTrail(alert: Alert, options: { readonly color: boolean }): string {
  const style = styleFor(options.color);
  const head = `Trail of ${terminalSafe(alert.id)}: ${style.bold(alert.status)}, created ${formatUtcDateTime(alert.createdAt)}`;
  const responses =
    alert.responses.length === 0
      ? [`  ${style.dim('no responses yet')}`]
      : alert.responses.map((response) => responseLine(response, style));
  const cards =
    alert.messages.length === 0
      ? []
      : [`  ${style.dim('cards:')} ${alert.messages.map(messageText).join(', ')}`];
  return `${[head, ...responses, ...cards].join('\n')}\n`;
}

const ACTION_WIDTH = 20;

function responseLine(response: AlertResponse, style: TerminalStyle): string {
  const action =
    response.action === 'refused'
      ? style.red(`refused ${response.attempted ?? ''}`.trim().padEnd(ACTION_WIDTH))
      : response.action.padEnd(ACTION_WIDTH);
  const text = response.text === undefined ? '' : `: ${terminalSafe(response.text)}`;
  const ticket = response.ticketUrl === undefined ? '' : ` (ticket ${terminalSafe(response.ticketUrl)})`;
  return `  ${formatUtcDateTime(response.at)}  ${action} ${responderText(response.by)}${text}${ticket}`;
}

/**
 * `bob (slack:U0BOB, bob@example.com)`: the name at the time, and what identifies the person for good.
 *
 * @example
 * responderText({ platform: 'cli', userId: 'alice', name: 'alice', email: 'alice@example.com' });
 * // 'alice (cli:alice, alice@example.com)'
 */
export function responderText(responder: Responder): string {
  const id = `${responder.platform}:${responder.userId}`;
  const email = responder.email === undefined ? '' : `, ${responder.email}`;
  return `${terminalSafe(responder.name)} (${terminalSafe(id)}${terminalSafe(email)})`;
}

function messageText(message: PostedMessage): string {
  if (message.platform === 'terminal') return 'terminal';
  const link = message.permalink === undefined ? '' : ` ${message.permalink}`;
  return terminalSafe(`${message.platform} ${message.channel} ${message.messageId}${link}`);
}
