import type { KnownBlock } from '@slack/types';
import type { Alert, AlertResponse } from '../../triage/model';
import { buildCard } from '../card-model';
import { section } from './blocks';
import { escapeMrkdwn } from './escape';
import { SlackLimits, truncateMrkdwn } from './limits';
import { renderSlackCard, type SlackCardMessage } from './render';

/** How much of the escalation reason the post shows; the whole reason is on the card and in the trail. */
const MAX_REASON = 1000;

/**
 * The post in the escalation channel: who escalated and why, then the alert's card without its buttons
 * (people respond on the original card, which the `Original card` link opens), so the escalation channel
 * shows everything at a glance but keeps one place to act.
 *
 * @example
 * const { text, blocks } = renderSlackEscalation(alert, carolsEscalation, 'https://….slack.com/archives/C0ALERTS/p1');
 * await client.chat.postMessage({ channel: 'C0ESCALATE', text, blocks });
 */
export function renderSlackEscalation(
  alert: Alert,
  escalation: AlertResponse,
  originalCardUrl: string | undefined,
): SlackCardMessage {
  const extraLinks = originalCardUrl ? [{ label: 'Original card', url: originalCardUrl }] : [];
  const card = renderSlackCard(buildCard(alert, { extraLinks }));
  const reason = escapeMrkdwn(escalation.text ?? '', { singleLine: true });
  const intro = truncateMrkdwn(
    `🚨 *Escalated* by ${mention(escalation)}${reason ? `: ${truncateMrkdwn(reason, MAX_REASON)}` : ''}`,
    SlackLimits.sectionText,
  );
  const blocks: KnownBlock[] = [section(intro), ...card.blocks.filter((block) => block.type !== 'actions')];
  return { text: truncateMrkdwn(`🚨 Escalated: ${card.text}`, SlackLimits.fallbackText), blocks };
}

/** A Slack user is mentioned (renders as their current name); anyone else is named, escaped. */
function mention(response: AlertResponse): string {
  const { by } = response;
  if (by.platform === 'slack' && /^[UW][A-Z0-9]{2,}$/.test(by.userId)) return `<@${by.userId}>`;
  return escapeMrkdwn(by.name, { singleLine: true });
}
