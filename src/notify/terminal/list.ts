import type { Alert } from '../../triage/model';
import { formatUtcDateTime } from '../card-format';
import { severityLabel } from './render';
import { styleFor, terminalSafe } from './text';

/**
 * A table of alerts for `eks-audit alerts`: id, status, severity, when the change happened, and the summary.
 * Pure; the summary goes through `terminalSafe`.
 *
 * @example
 * renderAlertList(page.items, { color: false });
 * // ID              STATUS        SEVERITY  TIME                     SUMMARY
 * // f-6b1d0c9e2a4f  open          HIGH      2026-11-20 14:01:07 UTC  alice@example.com deleted secret ...
 */
export function renderAlertList(alerts: readonly Alert[], options: { readonly color: boolean }): string {
  const style = styleFor(options.color);
  const idWidth = Math.max(2, ...alerts.map((alert) => terminalSafe(alert.id).length));
  const header = `${'ID'.padEnd(idWidth)}  ${'STATUS'.padEnd(12)}  ${'SEVERITY'.padEnd(8)}  ${'TIME'.padEnd(23)}  SUMMARY`;
  const rows = alerts.map((alert) => {
    // Pad after the plain word: escape codes would throw the padding off.
    const padding = ' '.repeat(Math.max(0, 8 - alert.finding.severity.length));
    return [
      terminalSafe(alert.id).padEnd(idWidth),
      alert.status.padEnd(12),
      `${severityLabel(alert.finding.severity, style)}${padding}`,
      formatUtcDateTime(alert.finding.time).padEnd(23),
      terminalSafe(alert.finding.summary),
    ].join('  ');
  });
  return `${[style.dim(header), ...rows].join('\n')}\n`;
}
