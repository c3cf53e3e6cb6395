import { InputError } from '../shared/errors';

/** The report windows `/eks-audit report` offers. */
export const reportWindows = ['24h', '7d', '30d'] as const;
export type ReportWindow = (typeof reportWindows)[number];

/** The window a report covers when none is given: a week, the usual review cadence. */
export const DEFAULT_REPORT_WINDOW: ReportWindow = '7d';

const HOUR_MS = 3_600_000;
const windowMs: Readonly<Record<ReportWindow, number>> = {
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

/** True for `24h`, `7d` or `30d`. */
export function isReportWindow(value: string): value is ReportWindow {
  return (reportWindows as readonly string[]).includes(value);
}

/**
 * The changes a window covers: [now - window, now).
 *
 * @example
 * windowRange('24h', new Date('2026-11-21T12:00:00Z')).from.toISOString(); // '2026-11-20T12:00:00.000Z'
 */
export function windowRange(window: ReportWindow, now: Date): { from: Date; to: Date } {
  if (Number.isNaN(now.getTime())) throw new InputError('now: not a valid date');
  return { from: new Date(now.getTime() - windowMs[window]), to: now };
}
