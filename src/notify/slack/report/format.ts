import type { AlertStatus } from '../../../triage/model';
import { formatUtcDateTime } from '../../card-format';
import { escapeMrkdwn, mrkdwnCode } from '../escape';
import { SlackLimits, truncatePlain } from '../limits';

/** Shared pieces of the `/eks-audit` answers. Everything user-controlled is escaped here or by the caller. */

/** Per-value budget inside a line, so one long name cannot crowd out the rest of a list. */
export const MAX_VALUE = 200;

/** Escaped prose on one line, shortened visibly. */
export const prose = (text: string, max = MAX_VALUE): string =>
  escapeMrkdwn(truncatePlain(text, max), { singleLine: true });

/** An identifier (rule id, cluster, person, alert id) in code, shortened visibly. */
export const code = (text: string, max = MAX_VALUE): string => mrkdwnCode(truncatePlain(text, max));

/** `1,234` */
export const count = (n: number): string => n.toLocaleString('en-US');

/**
 * `1 alert`, `2 alerts` (`plural` gives the other form when adding an s is wrong).
 *
 * @example
 * counted(1, 'entry', 'entries'); // '1 entry'
 */
export const counted = (n: number, one: string, plural = `${one}s`): string =>
  `${count(n)} ${n === 1 ? one : plural}`;

/** `75%` (whole percent; `<1%` rather than a misleading 0 when there is some). */
export function percent(share: number): string {
  if (share > 0 && share < 0.01) return '<1%';
  return `${Math.round(share * 100)}%`;
}

/**
 * A duration as people say it: `45 s`, `12 min`, `3 h 20 min`, `2 d 4 h`.
 *
 * @example
 * duration(200 * 60_000); // '3 h 20 min'
 */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** `2026-11-20 14:01 UTC` */
export const when = (iso: string): string => formatUtcDateTime(iso).replace(/:\d\d UTC$/, ' UTC');

/** The status as a word with its icon. */
export const statusLabel: Readonly<Record<AlertStatus, string>> = {
  open: '⏳ open',
  acknowledged: '✅ acknowledged',
  justified: '📝 justified',
  escalated: '🚨 escalated',
};

/**
 * A titled list in one section's worth of mrkdwn (3,000 characters): as many lines as fit, then
 * `… and N more` counting every line left out plus `hidden` (items the model already left out).
 *
 * @example
 * fitLines('*By rule*', lines, 0); // '*By rule*\n• `rbac-change` 12\n…'
 */
export function fitLines(
  title: string,
  lines: readonly string[],
  hidden = 0,
  max: number = SlackLimits.sectionText,
): string {
  const out = [title];
  let length = title.length;
  for (const [index, line] of lines.entries()) {
    const left = lines.length - index + hidden;
    const more = `… and ${count(left)} more`;
    const room = index === lines.length - 1 && hidden === 0 ? 0 : more.length + 1;
    if (length + 1 + line.length + room > max) {
      out.push(more);
      return out.join('\n');
    }
    out.push(line);
    length += 1 + line.length;
  }
  if (hidden > 0) out.push(`… and ${count(hidden)} more`);
  return out.join('\n');
}

/**
 * Lines packed into as few section texts as possible, each at most 3,000 characters, never cutting a line
 * (a line longer than a section is shortened visibly), and at most `maxSections` of them: the last one then
 * ends with `… and N more`.
 *
 * @example
 * packLines(lines, 5).length; // 1 for a few short lines
 */
export function packLines(
  lines: readonly string[],
  maxSections: number,
  max: number = SlackLimits.sectionText,
): string[] {
  const texts: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const [index, raw] of lines.entries()) {
    const line = raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
    if (current.length > 0 && length + 1 + line.length > max) {
      if (texts.length === maxSections - 1) {
        texts.push(fitLines(current[0] as string, [...current.slice(1), ...lines.slice(index)], 0, max));
        return texts;
      }
      texts.push(current.join('\n'));
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0) texts.push(current.join('\n'));
  return texts;
}
