import type { KnownBlock } from '@slack/types';
import type { PersonActivity } from '../../../report/person';
import { httpUrl } from '../../card-format';
import { context, header, section } from '../blocks';
import { mrkdwnLink } from '../escape';
import { severityEmoji } from '../render-parts';
import { code, count, counted, packLines, prose, statusLabel, when } from './format';

/** Sections the list may take (a message holds 50 blocks). */
const MAX_SECTIONS = 10;
/** Changes listed (the newest); the count says how many were found. */
const MAX_CHANGES = 30;

/**
 * `/eks-audit user <name or e-mail>`: what one person changed, newest first, and under which names they were
 * found (the trail files a person under their e-mail when known, else their name: both forms are tried).
 *
 * @example
 * renderPersonActivity(buildPersonActivity('alice', lookups));
 */
export function renderPersonActivity(person: PersonActivity): KnownBlock[] {
  const title = `👤 Changes by ${person.query}`;
  const tried = person.keys.map((k) => `${code(k.key)} (${count(k.count)}${k.more ? '+' : ''})`).join(', ');
  const found = context([
    `Looked up as ${tried}.${person.more ? ' Only the newest are read for each name.' : ''}`,
  ]);
  if (person.changes.length === 0) {
    return [header(title), section('No changes by this person are in the audit trail.'), found];
  }
  const shown = person.changes.slice(0, MAX_CHANGES);
  const lines = shown.map((c) => {
    const link = httpUrl(c.link);
    const summary = link ? mrkdwnLink(link, c.summary.slice(0, 200)) : prose(c.summary);
    const denied = c.outcome === 'denied' ? ' · DENIED attempt' : '';
    return `${severityEmoji[c.severity]} ${when(c.changeTime)} · ${summary}${denied} · ${statusLabel[c.status]} · ${code(c.id)}`;
  });
  const hidden = person.changes.length - shown.length;
  return [
    header(title),
    section(
      `*${counted(person.changes.length, 'alert')}${person.more ? '+' : ''}*, of which *${counted(person.unjustified, 'change')}* nobody justified`,
    ),
    ...packLines(hidden > 0 ? [...lines, `… and ${count(hidden)} older`] : lines, MAX_SECTIONS).map(section),
    found,
    ...(person.skipped > 0 ? [context([`⚠️ ${count(person.skipped)} stored alerts could not be read.`])] : []),
  ];
}
