import type { KnownBlock } from '@slack/types';
import type { AlertTrailView, TrailEntry } from '../../../report/trail';
import { httpUrl } from '../../card-format';
import { context, fieldsSection, header, section } from '../blocks';
import { mrkdwnLink } from '../escape';
import { severityEmoji } from '../render-parts';
import { code, counted, packLines, prose, statusLabel, when } from './format';

/** Sections the trail may take; a trail longer than that ends with `… and N more`. */
const MAX_SECTIONS = 30;
/** A justification or reason is shown up to this length (the trail keeps it whole). */
const MAX_TEXT = 600;

const actionNames = {
  acknowledge: '✅ acknowledged',
  justify: '📝 justified',
  escalate: '🚨 escalated',
} as const;

/**
 * `/eks-audit show <alert id>`: the alert's facts, then every entry of its trail in time order, refused
 * attempts included (the card shows accepted responses only).
 *
 * @example
 * renderAlertTrail(buildAlertTrail(alert));
 */
export function renderAlertTrail(view: AlertTrailView): KnownBlock[] {
  const card = httpUrl(view.cardLink);
  const logs = httpUrl(view.logsInsightsUrl);
  const links = [
    card ? `🔗 ${mrkdwnLink(card, 'the card')}` : '',
    logs ? `🔗 ${mrkdwnLink(logs, 'the event in CloudWatch Logs Insights')}` : '',
  ].filter(Boolean);
  const entries = view.entries.map(entryLine);
  return [
    header(`${severityEmoji[view.severity]} ${view.severity.toUpperCase()} · ${view.summary}`),
    fieldsSection([
      `*Status*\n${statusLabel[view.status]}`,
      `*Outcome*\n${prose(view.outcome)}`,
      `*Who*\n${code(view.actor)}`,
      `*Cluster*\n${code(view.cluster)}`,
      `*Rule*\n${prose(view.rule.title)} (${code(view.rule.id)})`,
      `*When*\nchanged ${when(view.changeTime)}\nalert stored ${when(view.createdAt)}`,
    ]),
    ...(entries.length === 0
      ? [section('*Trail*\nNobody has responded yet.')]
      : packLines(
          [`*Trail* (${counted(entries.length, 'entry', 'entries')}, oldest first)`, ...entries],
          MAX_SECTIONS,
        ).map(section)),
    context([
      `Alert ${code(view.id)}${view.postedTo.length > 0 ? ` · posted to ${view.postedTo.map((p) => code(p)).join(', ')}` : ''}`,
      ...links,
    ]),
  ];
}

function entryLine(entry: TrailEntry): string {
  const who = `${prose(entry.by.name)} (${code(`${entry.by.platform}:${entry.by.userId}`)}${entry.by.email ? `, ${prose(entry.by.email)}` : ''})`;
  const what =
    entry.action === 'refused'
      ? `⛔ refused ${entry.attempted ?? 'an action'} by`
      : `${actionNames[entry.action]} by`;
  const text = entry.text ? `: ${prose(entry.text, MAX_TEXT)}` : '';
  const ticketUrl = httpUrl(entry.ticketUrl);
  const ticket = entry.ticketUrl
    ? ticketUrl
      ? ` (${mrkdwnLink(ticketUrl, `ticket (${new URL(ticketUrl).host})`)})`
      : ` (ticket: ${prose(entry.ticketUrl)})`
    : '';
  return `• ${when(entry.at)} · ${what} ${who}${text}${ticket}`;
}
