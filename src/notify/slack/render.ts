import type { KnownBlock } from '@slack/types';
import type { AlertCard } from '../card-types';
import { actions, context, divider, fieldsSection, header, section } from './blocks';
import { plainText } from './escape';
import { SlackLimits, truncationLog } from './limits';
import {
  fallbackText,
  footerElements,
  headerText,
  linkElements,
  reasonsText,
  sectionField,
  statusText,
} from './render-parts';

export { SlackActionIds } from './action-ids';

/** A card as Slack message arguments: pass both to `chat.postMessage` / `chat.update`. */
export interface SlackCardMessage {
  /** The notification and accessibility text (escaped mrkdwn, at most 300 characters). */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/**
 * Renders a card as Block Kit. The layout is fixed, at most eight blocks whatever the input (far under Slack's
 * 50), and every text is fitted to its limit, visibly (`…`, and a note saying so):
 *
 * 1. header: severity emoji and level, `DENIED` for a refused attempt, the one-line summary;
 * 2. fields: who, what, where, when, from, outcome, rule (seven of Slack's ten);
 * 3. why it matched: the rule's reasons;
 * 4. context: links (CloudWatch Logs Insights, MITRE ATT&CK, extras);
 * 5. divider; 6. status and the recorded responses;
 * 7. context: alert, finding and audit ids, and the truncation note if any;
 * 8. actions: the buttons still available (none once everything is recorded).
 *
 * @example
 * const { text, blocks } = renderSlackCard(buildCard(alert));
 * await client.chat.postMessage({ channel, text, blocks });
 */
export function renderSlackCard(card: AlertCard): SlackCardMessage {
  const cuts = truncationLog();
  const head = header(cuts.plain(plainText(headerText(card)), SlackLimits.headerText));
  const facts = fieldsSection(card.sections.map((s) => sectionField(s, cuts)));
  const reasons = section(reasonsText(card.reasons, cuts));
  const links = linkElements(card, cuts);
  const status = section(statusText(card, cuts));
  // Last, so it knows whether anything above was shortened.
  const footer = context(footerElements(card, cuts));
  const blocks: KnownBlock[] = [
    head,
    facts,
    reasons,
    ...(links.length > 0 ? [context(links)] : []),
    divider,
    status,
    footer,
    ...(card.actions.length > 0 ? [actions(card.alertId, card.actions)] : []),
  ];
  return { text: fallbackText(card), blocks };
}
