import { InputError } from '../shared/errors';

const unitMs: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * A duration as people type it: `30m`, `24h`, `7d`, `2w`.
 *
 * @throws InputError naming the option and the accepted forms.
 * @example
 * parseDuration('7d', '--since'); // 604800000
 */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d{1,5})([mhdw])$/.exec(text.trim());
  const unit = match ? unitMs[match[2] ?? ''] : undefined;
  if (!match || unit === undefined || Number(match[1]) === 0) {
    throw new InputError(`${option} must be a duration like 30m, 24h, 7d or 2w, got ${JSON.stringify(text)}`);
  }
  return Number(match[1]) * unit;
}
