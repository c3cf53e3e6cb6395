/**
 * Small formatting helpers shared by the card model: times in UTC (cards are read by people in several time
 * zones, and an auditor compares them with log timestamps, which are UTC) and link checks.
 */

/**
 * `2026-11-20 14:01:07 UTC`; the input as given when it is not a valid date (never throws, never invents).
 *
 * @example
 * formatUtcDateTime('2026-11-20T14:01:07.123Z'); // '2026-11-20 14:01:07 UTC'
 */
export function formatUtcDateTime(iso: string): string {
  const date = parseIso(iso);
  if (!date) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;
}

/**
 * `14:02 UTC` when `iso` falls on the same UTC day as `referenceIso`, else `2026-11-21 14:02 UTC`; with
 * `seconds`, `14:02:09 UTC`.
 *
 * @example
 * formatUtcTime('2026-11-20T14:02:00Z', '2026-11-20T14:01:07Z'); // '14:02 UTC'
 */
export function formatUtcTime(
  iso: string,
  referenceIso: string,
  options: { seconds?: boolean } = {},
): string {
  const date = parseIso(iso);
  if (!date) return iso;
  const text = date.toISOString();
  const time = text.slice(11, options.seconds ? 19 : 16);
  const sameDay = parseIso(referenceIso)?.toISOString().slice(0, 10) === text.slice(0, 10);
  return sameDay ? `${time} UTC` : `${text.slice(0, 10)} ${time} UTC`;
}

function parseIso(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The URL when it parses and is http or https, else undefined: a `javascript:` or `slack://` link typed into a
 * justification never becomes clickable.
 *
 * @example
 * httpUrl('https://jira.example.com/browse/OPS-1'); // 'https://jira.example.com/browse/OPS-1'
 * httpUrl('javascript:alert(1)'); // undefined
 */
export function httpUrl(candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The MITRE ATT&CK page of a technique id (`T1552` or `T1552.007`), or undefined for anything else.
 *
 * @example
 * mitreTechniqueUrl('T1552.007'); // 'https://attack.mitre.org/techniques/T1552/007/'
 */
export function mitreTechniqueUrl(id: string): string | undefined {
  const match = /^(T\d{4})(?:\.(\d{3}))?$/.exec(id.trim());
  if (!match) return undefined;
  return `https://attack.mitre.org/techniques/${match[1]}/${match[2] ? `${match[2]}/` : ''}`;
}

/**
 * `a, b, c and 4 more`: a list shortened for a card, saying how many were left out.
 *
 * @example
 * listWithMore(['10.0.0.1', '10.0.0.2', '10.0.0.3'], 2); // '10.0.0.1, 10.0.0.2 and 1 more'
 */
export function listWithMore(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
