import type { KnownBlock } from '@slack/types';
import type { PendingList } from '../../../report/pending';
import { httpUrl } from '../../card-format';
import { context, header, section } from '../blocks';
import { mrkdwnLink } from '../escape';
import { severityEmoji } from '../render-parts';
import { code, count, duration, packLines, prose, when } from './format';

/** Sections the list may take (a message holds 50 blocks). */
const MAX_SECTIONS = 10;

/**
 * `/eks-audit pending`: open alerts, oldest first, each with a link to its card and how long it has waited.
 *
 * @example
 * renderPendingList(buildPendingList(page.items, { now }));
 */
export function renderPendingList(list: PendingList): KnownBlock[] {
  if (list.items.length === 0) {
    return [header('✅ No open alerts'), ...notes(list)];
  }
  const lines = list.items.map((item) => {
    const link = httpUrl(item.link);
    const summary = link ? mrkdwnLink(link, item.summary.slice(0, 200)) : prose(item.summary);
    return `${severityEmoji[item.severity]} ${summary}\n      ${code(item.cluster)} · changed ${when(item.changeTime)} · waiting ${duration(item.waitingMs)} · ${code(item.id)}`;
  });
  const title = `⏳ Open alerts: ${list.more ? `the ${count(list.items.length)} oldest` : count(list.items.length)}`;
  return [header(title), ...packLines(lines, MAX_SECTIONS).map(section), ...notes(list)];
}

function notes(list: PendingList): KnownBlock[] {
  const parts = [
    list.more ? 'More alerts are open: respond to these first, or see them in the channel.' : '',
    list.skipped > 0 ? `⚠️ ${count(list.skipped)} stored alerts could not be read and are not listed.` : '',
  ].filter(Boolean);
  return parts.length > 0 ? [context(parts)] : [];
}
