import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError } from '../../src/filter-pattern';
import { KNOWN_DISAGREEMENTS, type KnownDisagreement } from './conformance-disagreements';
import { type ConformanceCase, readConformanceCases } from './corpus';

type Outcome = 'match' | 'no match' | 'invalid';

function outcomeOf(c: ConformanceCase): Outcome {
  try {
    return compileFilterPattern(c.pattern).matches(c.message) ? 'match' : 'no match';
  } catch (error) {
    if (error instanceof FilterPatternError) return 'invalid';
    throw error;
  }
}

function expectedOutcome(c: ConformanceCase): Outcome {
  return c.expected ? 'match' : 'no match';
}

function describes(entry: KnownDisagreement, c: ConformanceCase): boolean {
  if (entry.pattern !== c.pattern) return false;
  return entry.message.endsWith('…')
    ? c.message.startsWith(entry.message.slice(0, -1))
    : entry.message === c.message;
}

function label(c: ConformanceCase): string {
  const message = c.message.length > 70 ? `${c.message.slice(0, 67)}...` : c.message;
  return `line ${c.line}: ${c.pattern}  on  ${message}  -> ${expectedOutcome(c)}`;
}

const cases = readConformanceCases();
const authoritative = cases.filter((c) => c.authoritative);
const others = cases.filter((c) => !c.authoritative);

describe('Conformance: the authoritative subset of cases.jsonl (AWS docs and AWS CLI examples)', () => {
  it('has the documented size (95 AWS cases minus 12 implied and 1 questionable)', () => {
    expect(authoritative).toHaveLength(82);
  });

  it.each(authoritative.map((c) => [label(c), c] as const))('%s', (_label, c) => {
    expect(outcomeOf(c)).toBe(expectedOutcome(c));
  });
});

describe('Conformance: the other cases (implied, questionable, third-party implementation tests)', () => {
  const results = others.map((c) => ({
    c,
    ours: outcomeOf(c),
    entry: KNOWN_DISAGREEMENTS.find((d) => describes(d, c)),
  }));

  it('prints how many agree per source_kind', () => {
    const groups = new Map<string, { agree: number; total: number }>();
    for (const c of cases) {
      const key = c.authoritative
        ? `${c.sourceKind} (authoritative)`
        : `${c.sourceKind}${c.flags.length ? ` [${c.flags.join(', ')}]` : ''}`;
      const group = groups.get(key) ?? { agree: 0, total: 0 };
      group.total++;
      if (outcomeOf(c) === expectedOutcome(c)) group.agree++;
      groups.set(key, group);
    }
    const lines = [...groups].map(([key, g]) => `  ${key.padEnd(48)} ${g.agree}/${g.total} agree`);
    console.log(`filter-pattern conformance, ${cases.length} cases of cases.jsonl:\n${lines.join('\n')}`);
    expect([...groups.values()].reduce((sum, g) => sum + g.total, 0)).toBe(cases.length);
  });

  it('disagrees exactly on the cases listed, with the outcome listed', () => {
    const disagreements = results.filter((r) => r.ours !== expectedOutcome(r.c));
    const unlisted = disagreements.filter((r) => !r.entry).map((r) => `${label(r.c)} (ours: ${r.ours})`);
    const nowAgreeing = results
      .filter((r) => r.entry && r.ours === expectedOutcome(r.c))
      .map((r) => label(r.c));
    expect(unlisted, 'new disagreements: list them with a reason or fix the engine').toEqual([]);
    expect(nowAgreeing, 'listed disagreements that now agree: remove them from the list').toEqual([]);
    for (const r of disagreements) expect(r.ours, label(r.c)).toBe(r.entry?.ours);
  });

  it('lists every disagreement exactly once, with a reason', () => {
    for (const entry of KNOWN_DISAGREEMENTS) {
      expect(
        others.filter((c) => describes(entry, c)),
        entry.pattern,
      ).toHaveLength(1);
      expect(entry.reason.length, entry.pattern).toBeGreaterThan(40);
    }
  });
});
