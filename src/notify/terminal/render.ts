import type { Severity } from '../../finding/schema';
import type { AlertCard, CardFact, CardSection } from '../card-types';
import { styleFor, type TerminalStyle, terminalSafe } from './text';

/** How a card is printed. */
export interface TerminalRenderOptions {
  /** ANSI colours: the caller passes true only for a TTY without `NO_COLOR`. */
  readonly color: boolean;
  /** How the CLI is invoked, for the respond line (default `eks-audit`). */
  readonly command?: string;
}

const LABEL_WIDTH = 9;

/**
 * Renders the neutral card for a terminal: a header line with the severity and summary, one line per section
 * (who, what, where, when, from, outcome, rule), why it matched, links, the status and recorded responses,
 * the ids, and the responses still possible as CLI commands (the terminal's buttons). Pure; every piece of
 * text from the event or from people goes through `terminalSafe`, so it cannot drive the terminal.
 *
 * @example
 * process.stdout.write(renderTerminalCard(buildCard(alert), { color: process.stdout.isTTY === true }));
 * // ── HIGH ── alice@example.com deleted secret kube-system/db-creds on prod-eu
 * //   Who      Name: alice@example.com · IAM ARN: arn:aws:iam::111122223333:role/... · Session: alice@example.com
 * //   ...
 */
export function renderTerminalCard(card: AlertCard, options: TerminalRenderOptions): string {
  const style = styleFor(options.color);
  const line = (label: string, value: string) => `  ${style.dim(label.padEnd(LABEL_WIDTH))}${value}`;
  const lines = [headerLine(card, style)];
  for (const section of card.sections) lines.push(line(section.title, sectionText(section, card, style)));
  if (card.reasons.length > 0) lines.push(line('Why', card.reasons.map(terminalSafe).join('; ')));
  for (const link of card.links)
    lines.push(line('Link', `${terminalSafe(link.label)}: ${terminalSafe(link.url)}`));
  lines.push(line('Status', statusText(card, style)));
  for (const status of card.statusLines) lines.push(line('', terminalSafe(status.plain)));
  lines.push(line('Ids', card.footer.map((fact) => `${fact.label} ${terminalSafe(fact.value)}`).join(' · ')));
  if (card.actions.length > 0) {
    const command = options.command ?? 'eks-audit';
    const kinds = card.actions.map((action) => cliVerb[action.kind]).join(' | ');
    lines.push(line('Respond', `${style.bold(`${command} ${kinds} ${terminalSafe(card.alertId)}`)}`));
  }
  return `${lines.join('\n')}\n\n`;
}

/** The CLI command for each card action (`eks-audit ack <id>` is the Acknowledge button). */
export const cliVerb = { acknowledge: 'ack', justify: 'justify', escalate: 'escalate' } as const;

/**
 * The severity in the terminal's colours: critical bold red, high red, medium yellow, low cyan, info dim.
 *
 * @example
 * severityLabel('high', plainStyle); // 'HIGH'
 */
export function severityLabel(severity: Severity, style: TerminalStyle): string {
  const text = severity.toUpperCase();
  switch (severity) {
    case 'critical':
      return style.bold(style.red(text));
    case 'high':
      return style.red(text);
    case 'medium':
      return style.yellow(text);
    case 'low':
      return style.cyan(text);
    case 'info':
      return style.dim(text);
  }
}

function headerLine(card: AlertCard, style: TerminalStyle): string {
  const denied = card.outcome.kind === 'denied' ? ` ${style.bold(style.red('DENIED'))}` : '';
  return `${style.dim('──')} ${severityLabel(card.severity, style)}${denied} ${style.dim('──')} ${style.bold(terminalSafe(card.summary))}`;
}

function sectionText(section: CardSection, card: AlertCard, style: TerminalStyle): string {
  if (section.id === 'outcome') {
    const label = terminalSafe(card.outcome.label);
    return card.outcome.kind === 'denied' ? style.bold(style.red(label)) : label;
  }
  return section.facts.map(factText).join(' · ');
}

function factText(fact: CardFact): string {
  return `${fact.label}: ${terminalSafe(fact.value)}`;
}

function statusText(card: AlertCard, style: TerminalStyle): string {
  switch (card.status) {
    case 'open':
      return style.yellow('open');
    case 'escalated':
      return style.magenta('escalated');
    default:
      return style.green(card.status);
  }
}
