import { describe, expect, it } from 'vitest';
import { errorOf, matches } from './helpers';

/** One test per choice written in the README's "Where the AWS docs are silent" list, in the same order. */
describe('Filter pattern: documented choices where the AWS docs are silent', () => {
  it('1. unquoted terms hold letters, digits and _ only; anything else is an error that suggests quotes', () => {
    expect(errorOf('ERROR:').reason).toContain('put the term in double quotes: "ERROR:"');
    expect(matches('"ERROR:"', 'ERROR: disk full')).toBe(true);
  });

  it('2. ? starts an alternative; following terms without ? join it; terms before the first ? are one too', () => {
    const groups = '?ERROR MainThread ?WARN Deadlock';
    expect(matches(groups, 'ERROR in MainThread')).toBe(true);
    expect(matches(groups, 'WARN: Deadlock found')).toBe(true);
    expect(matches(groups, 'ERROR and WARN elsewhere')).toBe(false);
    expect(matches('ERROR ?WARN', 'WARN only')).toBe(true);
  });

  it('3. a -term excludes within its alternative; exclusions alone match messages without them', () => {
    expect(matches('-DEBUG', 'INFO started')).toBe(true);
    expect(matches('-DEBUG', 'DEBUG cache miss')).toBe(false);
    expect(matches('?ERROR -timeout ?FATAL', 'ERROR timeout FATAL')).toBe(true);
    expect(matches('?ERROR -timeout ?FATAL', 'ERROR timeout')).toBe(false);
  });

  it('4. "" and a quoted phrase of blanks match every message; excluding one excludes every message', () => {
    expect(matches('" "', 'nospaces')).toBe(true);
    expect(matches('-" "', 'anything')).toBe(false);
  });

  it('5. inside double quotes, \\" is a quote and \\\\ a backslash (as AWS CDK writes them); other \\ stay', () => {
    expect(matches('"a\\"b"', 'a"b')).toBe(true);
    expect(matches('"a\\nb"', 'a\\nb')).toBe(true);
  });

  it('6. a JSON pattern matches JSON objects only, even NOT EXISTS', () => {
    expect(matches('{ $.a NOT EXISTS }', '{}')).toBe(true);
    expect(matches('{ $.a NOT EXISTS }', '[{}]')).toBe(false);
    expect(matches('{ $.a NOT EXISTS }', 'not json')).toBe(false);
  });

  it('7. a missing, null, object or array value fails every comparison, = and != alike', () => {
    for (const value of [undefined, null, { b: 1 }, [1]]) {
      const event = value === undefined ? {} : { a: value };
      expect(matches('{ $.a = 1 }', event)).toBe(false);
      expect(matches('{ $.a != 1 }', event)).toBe(false);
      expect(matches('{ $.a != "x" }', event)).toBe(false);
      expect(matches('{ $.a < 5 }', event)).toBe(false);
    }
  });

  it('8. a number literal compares numerically with numbers and with strings that are entirely a number', () => {
    expect(matches('{ $.code = 404 }', { code: '404' })).toBe(true);
    expect(matches('{ $.code = 404.0 }', { code: 404 })).toBe(true);
    expect(matches('{ $.code > 400 }', { code: '404' })).toBe(true);
    expect(matches('{ $.code > 400 }', { code: '404 Not Found' })).toBe(false);
    expect(matches('{ $.code != 404 }', { code: 'n/a' })).toBe(true);
    expect(matches('{ $.flag = 1 }', { flag: true })).toBe(false);
  });

  it('9. a string literal compares with the text of a number or boolean', () => {
    expect(matches('{ $.code = "404" }', { code: 404 })).toBe(true);
    expect(matches('{ $.flag = true }', { flag: true })).toBe(true);
    expect(matches('{ $.ratio = "1.50" }', { ratio: 1.5 })).toBe(false);
    expect(matches('{ $.code = 4* }', { code: 404 })).toBe(true);
  });

  it('10. * is a wildcard at the start or end, quoted or not, for zero or more characters; a middle * is literal', () => {
    expect(matches('{ $.u = "sre/*" }', { u: 'sre/' })).toBe(true);
    expect(matches('{ $.e = Ev*ent }', { e: 'Ev*ent' })).toBe(true);
    expect(matches('{ $.e = Ev*ent }', { e: 'Evxent' })).toBe(false);
    expect(matches('{ $.e = * }', { e: null })).toBe(false);
    expect(matches('{ $.e != * }', { e: 'x' })).toBe(false);
  });

  it('11. unquoted values hold letters, digits and _ - . * +; other characters need quotes', () => {
    expect(errorOf('{ $.u = system:node }').reason).toContain('must be in double quotes');
    expect(matches('{ $.u = "system:node" }', { u: 'system:node' })).toBe(true);
  });

  it('12. selectors are $.name and [index]; $["name"] and [*] are rejected', () => {
    expect(errorOf('{ $["a.b"] = 1 }').column).toBe(4);
    expect(errorOf('{ $.a[*] = 1 }').column).toBe(6);
    expect(matches('{ $.constructor NOT EXISTS }', {})).toBe(true);
    expect(matches('{ $.a.length = 2 }', { a: [1, 2] })).toBe(false);
  });

  it('13. keywords are read in any case; IS NOT and EXISTS are rejected', () => {
    expect(matches('{ $.a is null }', { a: null })).toBe(true);
    expect(matches('{ $.a not exists }', {})).toBe(true);
    expect(errorOf('{ $.a IS NOT NULL }').reason).toContain('IS NOT is not supported');
  });

  it('14. space-delimited: the field count must match unless ...; ... is zero or more fields and appears once', () => {
    expect(matches('[a, ..., b]', 'x y')).toBe(true);
    expect(errorOf('[..., a, ...]').column).toBe(10);
  });

  it('15. space-delimited: every condition in a slot tests that slot, whatever name it is written with', () => {
    expect(matches('[w1=ERROR || W1=WARNING, w2]', 'WARNING disk')).toBe(true);
    expect(matches('[a, b = 4* && bytes > 1000]', 'x 4096')).toBe(true);
  });

  it('16. space-delimited: an unclosed [ or " is an ordinary character', () => {
    expect(matches('[a, b]', '[x y')).toBe(true);
    expect(matches('[a]', '"x y')).toBe(false);
  });

  it('17. regular expressions search (unanchored) the message or the value, in JavaScript RegExp syntax', () => {
    expect(matches('%b+%', 'abbbc')).toBe(true);
    expect(matches('{ $.v = %b+% }', { v: 'abbbc' })).toBe(true);
  });

  it("18. '==' is rejected rather than read as '='", () => {
    expect(errorOf('{ $.a == 1 }').reason).toBe("'==' is not an operator; use '='");
  });
});
