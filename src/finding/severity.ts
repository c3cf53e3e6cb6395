import * as z from '../shared/zod';

/** A finding's severity, from least to most severe. */
export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const SeveritySchema = z.enum(severities);
export type Severity = z.infer<typeof SeveritySchema>;

/** Higher is worse; for sorting and for "at least" filters. */
export const severityRank: Readonly<Record<Severity, number>> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};
