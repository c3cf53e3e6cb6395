import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../src/filter-pattern';
import { matches } from './helpers';

const event = {
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
  ],
  SomeObject: null,
  ThisFlag: true,
  OtherFlag: false,
  latency: 50,
  number: [0.001, 1000],
  'detail-type': 'ShopUnavailable',
};

describe('Filter pattern: JSON patterns', () => {
  it('is classified as a JSON pattern', () => {
    expect(compileFilterPattern('{ $.a = 1 }').kind).toBe('json');
  });

  it('compares strings with = and !=, quoted or not', () => {
    expect(matches('{ $.eventType = "UpdateTrail" }', event)).toBe(true);
    expect(matches('{ $.eventType = UpdateTrail }', event)).toBe(true);
    expect(matches('{ $.eventType != "UpdateTrail" }', event)).toBe(false);
    expect(matches('{ $.eventType != DeleteTrail }', event)).toBe(true);
  });

  it('compares numbers with every operator, including signs and scientific notation', () => {
    expect(matches('{ $.latency = 50 }', event)).toBe(true);
    expect(matches('{ $.latency != 50 }', event)).toBe(false);
    expect(matches('{ $.latency > 49.5 }', event)).toBe(true);
    expect(matches('{ $.latency < +50 }', event)).toBe(false);
    expect(matches('{ $.latency >= 5e1 }', event)).toBe(true);
    expect(matches('{ $.latency <= -1 }', event)).toBe(false);
    expect(matches('{ $.number[0] = 1e-3 }', event)).toBe(true);
    expect(matches('{ $.number[1] != 1e+3 }', event)).toBe(false);
  });

  it('indexes arrays, nested arrays and objects in arrays', () => {
    expect(matches('{ $.arrayKey[1] = "another value" }', event)).toBe(true);
    expect(matches('{ $.coordinates[1][2] = 6 }', event)).toBe(true);
    expect(matches('{ $.objectList[1].name = b }', event)).toBe(true);
    expect(matches('{ $.objectList[2].name = b }', event)).toBe(false);
  });

  it('reads property names with hyphens and underscores', () => {
    expect(matches('{ $.detail-type = ShopUnavailable }', event)).toBe(true);
  });

  it('never matches a selector that points at an object or an array, with = or !=', () => {
    for (const pattern of ['{ $.arrayKey = value }', '{ $.arrayKey != value }', '{ $.objectList[0] != 1 }']) {
      expect(matches(pattern, event)).toBe(false);
    }
  });

  it('tests IS NULL, IS TRUE, IS FALSE and NOT EXISTS', () => {
    expect(matches('{ $.SomeObject IS NULL }', event)).toBe(true);
    expect(matches('{ $.eventType IS NULL }', event)).toBe(false);
    expect(matches('{ $.ThisFlag IS TRUE }', event)).toBe(true);
    expect(matches('{ $.OtherFlag IS FALSE }', event)).toBe(true);
    expect(matches('{ $.ThisFlag IS FALSE }', event)).toBe(false);
    expect(matches('{ $.SomeOtherObject NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.SomeObject NOT EXISTS }', event)).toBe(false);
    expect(matches('{ $.objectList[5].id NOT EXISTS }', event)).toBe(true);
  });

  it('applies * wildcards at the start and the end of a value, quoted or not', () => {
    expect(matches('{ $.eventType = Update* }', event)).toBe(true);
    expect(matches('{ $.eventType = "*Trail" }', event)).toBe(true);
    expect(matches('{ $.eventType = *dateTr* }', event)).toBe(true);
    expect(matches('{ $.sourceIPAddress != 123.123.* }', event)).toBe(true);
    expect(matches('{ $.eventType = "*" && $.latency = * }', event)).toBe(true);
  });

  it('binds && tighter than || and honours parentheses', () => {
    const tight = '{ $.latency = 50 || $.eventType = nope && $.ThisFlag IS FALSE }';
    const grouped = '{ ($.latency = 50 || $.eventType = nope) && $.ThisFlag IS FALSE }';
    expect(matches(tight, event)).toBe(true);
    expect(matches(grouped, event)).toBe(false);
    expect(matches('{ ((($.latency = 50))) }', event)).toBe(true);
  });

  it('matches nothing when the message is not a JSON object', () => {
    for (const message of ['plain text', '{"unterminated": ', '[1, 2]', '42', '"text"', 'null']) {
      expect(matches('{ $.a NOT EXISTS }', message)).toBe(false);
    }
  });

  it('accepts JSON messages with leading blanks', () => {
    expect(matches('{ $.a = 1 }', '  \t{"a": 1}')).toBe(true);
  });

  it('reads a 1,024-character pattern', () => {
    const base = '{ $.a = "" }';
    const pattern = `{ $.a = "${'x'.repeat(1024 - base.length)}" }`;
    expect(pattern).toHaveLength(1024);
    expect(compileFilterPattern(pattern).kind).toBe('json');
  });
});

describe('Filter pattern: runs of comparisons on one selector (compiled to one Set lookup)', () => {
  const literal = fc
    .tuple(fc.boolean(), fc.constantFrom('a', 'ab', 'b', '1', '10', 'true', ''), fc.boolean())
    .map(([lead, core, trail]) => `${lead ? '*' : ''}${core}${trail ? '*' : ''}`);
  const value = fc.oneof(
    fc.constantFrom('a', 'ab', 'ba', 'b', '1', '10', 'true', '', 'xaby'),
    fc.constantFrom(1, 10, 101, true, false, null),
    fc.constant([1]),
    fc.constant(undefined),
  );
  const single = (pattern: string, v: unknown) => matches(pattern, v === undefined ? {} : { x: v });

  it('answers a || run of = exactly like the comparisons one by one', () => {
    fc.assert(
      fc.property(fc.array(literal, { minLength: 2, maxLength: 5 }), value, (literals, v) => {
        const grouped = single(`{ ${literals.map((l) => `$.x = "${l}"`).join(' || ')} }`, v);
        expect(grouped).toBe(literals.some((l) => single(`{ $.x = "${l}" }`, v)));
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('answers a && run of != exactly like the comparisons one by one', () => {
    fc.assert(
      fc.property(fc.array(literal, { minLength: 2, maxLength: 5 }), value, (literals, v) => {
        const grouped = single(`{ ${literals.map((l) => `$.x != "${l}"`).join(' && ')} }`, v);
        expect(grouped).toBe(literals.every((l) => single(`{ $.x != "${l}" }`, v)));
      }),
      { numRuns: 400, seed: 4 },
    );
  });

  it('keeps other operands of the run in the expression', () => {
    const pattern = '{ $.ns = "a" || $.other = 1 || $.ns = "b*" || $.ns = %^c% }';
    expect(matches(pattern, { ns: 'bee' })).toBe(true);
    expect(matches(pattern, { ns: 'cat' })).toBe(true);
    expect(matches(pattern, { ns: 'x', other: 1 })).toBe(true);
    expect(matches(pattern, { ns: 'x', other: 2 })).toBe(false);
  });
});
