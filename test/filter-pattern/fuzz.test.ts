import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError } from '../../src/filter-pattern';
import { readConformanceCases, readRealWorldPatterns } from './corpus';
import { anEksAuditEvent } from './eks-audit-event';

/** Characters that mean something to some part of the grammar, plus ordinary ones. */
const GRAMMAR_CHARS = [...'{}[]()$.,"%?-*=!<>&|\\ \t_aZ09e+:/@#\'é'];
const TOKENS = [
  '$.a',
  '$.user.username',
  '[0]',
  ' && ',
  ' || ',
  ' = ',
  ' != ',
  ' > ',
  'IS NULL',
  'NOT EXISTS',
  '...',
  '"x*"',
  '%^a%',
];

const MESSAGES = [
  '',
  'ERROR 401 UNAUTHORIZED',
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
  '{"a": [1, {"b": null}], "user": {"username": "sre/alice"}, "x": true}',
  '[1, 2]',
  JSON.stringify(anEksAuditEvent()),
];

const corpusPatterns = [
  ...readConformanceCases().map((c) => c.pattern),
  ...readRealWorldPatterns().map((p) => p.pattern),
];

/** How many generated patterns compiled and how many were rejected: a fuzzer that only produces one kind proves little. */
const outcomes = { compiled: 0, rejected: 0 };

/** Compiles, then evaluates every message both ways: only a FilterPatternError may escape, and only from compile. */
function neverCrashes(pattern: string): void {
  let compiled: ReturnType<typeof compileFilterPattern>;
  try {
    compiled = compileFilterPattern(pattern);
    outcomes.compiled++;
  } catch (error) {
    outcomes.rejected++;
    expect(error).toBeInstanceOf(FilterPatternError);
    const { column } = error as FilterPatternError;
    expect(Number.isInteger(column) && column >= 1 && column <= Math.max(pattern.length + 1, 1025)).toBe(
      true,
    );
    return;
  }
  for (const message of MESSAGES) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    const raw = compiled.matches(message);
    expect(typeof raw).toBe('boolean');
    expect(compiled.matchesParsed(message, parsed)).toBe(raw);
  }
}

type Mutation =
  | { readonly op: 'insert' | 'replace'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(...GRAMMAR_CHARS, ...TOKENS),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...GRAMMAR_CHARS) }),
);

function mutate(pattern: string, steps: readonly Mutation[]): string {
  let out = pattern;
  for (const step of steps) {
    const at = step.at % (out.length + 1);
    if (step.op === 'insert') out = out.slice(0, at) + step.text + out.slice(at);
    else if (step.op === 'delete') out = out.slice(0, at) + out.slice(at + step.length);
    else out = out.slice(0, at) + step.text + out.slice(at + 1);
  }
  return out;
}

describe('Filter pattern: fuzzing never crashes the parser or the evaluator', () => {
  it('survives random strings over the grammar alphabet and its tokens', () => {
    const piece = fc.constantFrom(...GRAMMAR_CHARS, ...TOKENS);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => neverCrashes(pieces.join(''))),
      { numRuns: 1000, seed: 20261120 },
    );
  });

  it('survives arbitrary unicode strings, including over-long ones', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 1100 }), neverCrashes), {
      numRuns: 300,
      seed: 7,
    });
  });

  it('survives corpus patterns with characters inserted, deleted and replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpusPatterns),
        fc.array(mutation, { minLength: 1, maxLength: 5 }),
        (p, steps) => neverCrashes(mutate(p, steps)),
      ),
      { numRuns: 1500, seed: 42 },
    );
  });

  it('generated both valid and invalid patterns, in fair numbers', () => {
    console.log(`fuzz: ${outcomes.compiled} patterns compiled, ${outcomes.rejected} rejected`);
    expect(outcomes.compiled).toBeGreaterThan(300);
    expect(outcomes.rejected).toBeGreaterThan(300);
  });

  it('survives deeply nested parentheses', () => {
    neverCrashes(`{ ${'('.repeat(500)}$.a = 1${')'.repeat(500)} }`);
    neverCrashes(`{ ${'('.repeat(511)}`);
  });
});
