import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeTimestamp } from '../../src/audit/timestamp';

// normalizeTimestamp rebuilds the API server's own form (`2023-07-31T01:58:11.751914Z`) from its digits
// without a Date. The oracle below is the general path (parse with Date, print with toISOString); the two must
// agree on every string of that shape, in range or not (Date rolls 2026-02-30 over to March 2, refuses month 13).

function viaDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction = ''] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${`${fraction}000`.slice(0, 3)}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const canonicalShape = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2026, 2100)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.option(fc.stringMatching(/^\d{0,9}$/), { nil: undefined }),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction === undefined ? '' : `.${t.fraction}`}Z`,
  );

describe('normalizeTimestamp on the API server form', () => {
  it('gives what Date gives, for every date and time of that shape, in range or not', () => {
    fc.assert(
      fc.property(canonicalShape, (text) => {
        expect(normalizeTimestamp(text)).toBe(viaDate(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['2024-02-29T23:59:59.999999Z', '2024-02-29T23:59:59.999Z'],
    ['2026-02-29T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-11-20T14:01:07.1Z', '2026-11-20T14:01:07.100Z'],
  ])('normalises %s like Date does', (text, iso) => {
    expect(normalizeTimestamp(text)).toBe(iso);
  });

  it.each([
    '2026-11-20T14:01:07.Z',
    '2026-11-20T14:01:07.12a4Z',
    '2026-11-20T14:01:7.123Z',
    '2026-13-01T00:00:00Z',
  ])('refuses %j', (text) => {
    expect(normalizeTimestamp(text)).toBeUndefined();
  });
});
