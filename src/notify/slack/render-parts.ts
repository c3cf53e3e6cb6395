import type { Severity } from '../../finding/schema';
import type { Responder } from '../../triage/model';
import type { AlertCard, CardFact, CardSection, StatusLine } from '../card-types';
import { escapeMrkdwn, mrkdwnCode, mrkdwnLink } from './escape';
import { SlackLimits, type TruncationLog, truncateMrkdwn } from './limits';

/**
 * The mrkdwn of each part of a card. Every user-controlled string goes through `escapeMrkdwn` (prose) or
 * `mrkdwnCode` (identifiers); only our own labels and the links and mentions we build are left unescaped.
 */

/** Per-value budgets, well inside Slack's per-object limits, so one huge value cannot crowd out the rest. */
const MAX_VALUE = 300;
const MAX_REASON = 300;
const MAX_RESPONSE_TEXT = 500;

/** The emoji of each severity, as Unicode (plain_text headers have emoji parsing off). */
export const severityEmoji: Readonly<Record<Severity, string>> = {
  critical: '🚨',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: '🔵',
};

/** `🔴 HIGH · alice@example.com deleted …` (plain text: the header block is plain_text). */
export function headerText(card: AlertCard): string {
  const denied = card.outcome.kind === 'denied' ? ' · DENIED' : '';
  return `${severityEmoji[card.severity]} ${card.severity.toUpperCase()}${denied} · ${card.summary}`;
}

/** One section of facts as one field: a bold title, then `Label: value` lines. */
export function sectionField(section: CardSection, cuts: TruncationLog): string {
  const label = (text: string) => escapeMrkdwn(text, { singleLine: true });
  const lines = section.facts.map((fact) => `${label(fact.label)}: ${factValue(fact, cuts)}`);
  return cuts.mrkdwn([`*${label(section.title)}*`, ...lines].join('\n'), SlackLimits.sectionFieldText);
}

function factValue(fact: CardFact, cuts: TruncationLog): string {
  const value = cuts.plain(fact.value, MAX_VALUE);
  return fact.kind === 'identifier' ? mrkdwnCode(value) : escapeMrkdwn(value, { singleLine: true });
}

/** `*Why it matched*` and a bullet per reason, saying how many did not fit. */
export function reasonsText(reasons: readonly string[], cuts: TruncationLog): string {
  const title = '*Why it matched*';
  if (reasons.length === 0) return `${title}\n• (the rule gave no reasons)`;
  const lines: string[] = [];
  let length = title.length;
  for (const [index, reason] of reasons.entries()) {
    const line = `• ${escapeMrkdwn(cuts.plain(reason, MAX_REASON), { singleLine: true })}`;
    const more = `• … and ${reasons.length - index} more`;
    if (length + line.length + more.length + 2 > SlackLimits.sectionText) {
      cuts.mark();
      lines.push(more);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return [title, ...lines].join('\n');
}

const statusNames = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  justified: 'Justified',
  escalated: 'Escalated',
};
const statusIcons = { acknowledge: '✅', justify: '📝', escalate: '🚨' } as const;

/** `*Status:* Acknowledged` and a line per response, keeping the latest when they do not all fit. */
export function statusText(card: AlertCard, cuts: TruncationLog): string {
  const title =
    card.status === 'open'
      ? '*Status:* Open, waiting for a response'
      : `*Status:* ${statusNames[card.status]}`;
  const lines = card.statusLines.map((line) => statusLineText(line, cuts));
  let kept = lines;
  const total = () => [title, ...kept].join('\n').length;
  while (kept.length > 0 && total() + 60 > SlackLimits.sectionText) kept = kept.slice(1);
  if (kept.length < lines.length) {
    cuts.mark();
    return [title, `… ${lines.length - kept.length} earlier responses not shown`, ...kept].join('\n');
  }
  return [title, ...kept].join('\n');
}

function statusLineText(line: StatusLine, cuts: TruncationLog): string {
  const verb = { acknowledge: 'Acknowledged', justify: 'Justified', escalate: 'Escalated' }[line.action];
  const text = line.text
    ? `: ${escapeMrkdwn(cuts.plain(line.text, MAX_RESPONSE_TEXT), { singleLine: true })}`
    : '';
  const ticket = line.ticket
    ? ` (${mrkdwnLink(line.ticket.url, line.ticket.label)})`
    : line.ticketReference
      ? ` (ticket: ${escapeMrkdwn(cuts.plain(line.ticketReference, MAX_VALUE), { singleLine: true })})`
      : '';
  return `${statusIcons[line.action]} ${verb} by ${who(line.by)}, ${line.atText}${text}${ticket}`;
}

/** A Slack user id is mentioned (it renders as their current name); anyone else is named, escaped. */
function who(by: Responder): string {
  if (by.platform === 'slack' && /^[UW][A-Z0-9]{2,}$/.test(by.userId)) return `<@${by.userId}>`;
  return escapeMrkdwn(by.name, { singleLine: true });
}

/** Context elements for the card's links; a link too long for a text object, or past the tenth, is dropped, and noted. */
export function linkElements(card: AlertCard, cuts: TruncationLog): string[] {
  const elements = card.links.flatMap((link) => {
    const element = `🔗 ${mrkdwnLink(link.url, link.label)}`;
    if (element.length <= SlackLimits.sectionText) return [element];
    cuts.mark();
    return [];
  });
  if (elements.length <= SlackLimits.contextElements) return elements;
  cuts.mark();
  return elements.slice(0, SlackLimits.contextElements);
}

/** The footer: ids for the record, and a note when anything was shortened. */
export function footerElements(card: AlertCard, cuts: TruncationLog): string[] {
  const ids = card.footer.map((fact) => `${fact.label} ${mrkdwnCode(cuts.plain(fact.value, MAX_VALUE))}`);
  const elements = [ids.join(' · ')];
  if (cuts.happened) {
    elements.push(
      `✂️ Some details were shortened to fit Slack's limits; ${mrkdwnCode(`/eks-audit show ${card.alertId}`)} shows them all.`,
    );
  }
  return elements.map((element) => cuts.mrkdwn(element, SlackLimits.sectionText));
}

/** The notification text (also what screen readers and old clients show): short, escaped. */
export function fallbackText(card: AlertCard): string {
  const status = card.status === 'open' ? '' : ` (${statusNames[card.status]})`;
  const line = `${severityEmoji[card.severity]} ${card.severity.toUpperCase()}: ${card.summary}`;
  return (
    truncateMrkdwn(escapeMrkdwn(line, { singleLine: true }), SlackLimits.fallbackText - status.length) +
    status
  );
}
