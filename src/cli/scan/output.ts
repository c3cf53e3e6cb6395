import type { DecodeStats } from '../../audit';
import type { DetectStats } from '../../detect/stats';
import type { Finding } from '../../finding/schema';

/** Output formats of `scan`. */
export const scanFormats = ['table', 'json'] as const;
/** One of `scanFormats`. */
export type ScanFormat = (typeof scanFormats)[number];

/**
 * Renders findings: `json` is one finding per line, the exact message SNS subscribers receive; `table` is
 * aligned columns for a person (severity, time, actor, summary, rule).
 */
export function renderFindings(findings: readonly Finding[], format: ScanFormat): string {
  if (format === 'json') return findings.map((f) => `${JSON.stringify(f)}\n`).join('');
  if (findings.length === 0) return '';
  const rows = findings.map((f) => [
    f.severity.toUpperCase(),
    f.time.replace(/\.\d+Z$/, 'Z'),
    f.actor.displayName,
    f.summary,
    f.rule.id,
  ]);
  return table([['SEVERITY', 'TIME', 'ACTOR', 'SUMMARY', 'RULE'], ...rows]);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * The summary line for standard error: events read, findings, and every skip with its reason, input problems
 * (malformed, truncated, not audit events) first, then detection skips.
 *
 * @example
 * // scan: 14 events read, 6 findings; skipped 9: 1 malformed-json, 1 truncated, 3 automation actor, ...
 */
export function summaryLine(decode: DecodeStats, detect: DetectStats, unreadable: number): string {
  const skips = [...Object.entries(decode.skipped), ...Object.entries(detect.skipped)].filter(
    ([, n]) => (n ?? 0) > 0,
  );
  const total = skips.reduce((sum, [, n]) => sum + (n ?? 0), 0);
  let line = `scan: ${decode.eventsRead} event${decode.eventsRead === 1 ? '' : 's'} read, ${detect.findings} finding${detect.findings === 1 ? '' : 's'}`;
  line +=
    total > 0
      ? `; skipped ${total}: ${skips.map(([reason, n]) => `${n} ${reason}`).join(', ')}`
      : '; skipped 0';
  const problems = Object.entries(detect.problems);
  if (problems.length > 0) line += `; problems: ${problems.map(([r, n]) => `${n} ${r}`).join(', ')}`;
  if (unreadable > 0) line += `; ${unreadable} file${unreadable === 1 ? '' : 's'} could not be read`;
  return `${line}\n`;
}
