import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../src/filter-pattern';
import { matches } from './helpers';

describe('Filter pattern: term patterns', () => {
  it('is classified as a term pattern', () => {
    expect(compileFilterPattern('ERROR').kind).toBe('term');
    expect(compileFilterPattern('"{"').kind).toBe('term');
  });

  it('matches a word as a case-sensitive substring', () => {
    expect(matches('ERROR', 'Exiting with ERRORCODE: -1')).toBe(true);
    expect(matches('ERROR', 'error: disk full')).toBe(false);
  });

  it('requires every term, in any order', () => {
    expect(matches('watch Cloud', 'Cloud logs watch')).toBe(true);
    expect(matches('ERROR ARGUMENTS', '[ERROR 400] BAD REQUEST')).toBe(false);
  });

  it('matches a quoted phrase exactly, spaces included', () => {
    expect(matches('"INTERNAL SERVER ERROR"', '[ERROR 500] INTERNAL SERVER ERROR')).toBe(true);
    expect(matches('"INTERNAL SERVER ERROR"', '[ERROR 500] INTERNAL  SERVER ERROR')).toBe(false);
  });

  it('matches any ?-term', () => {
    expect(matches('?ERROR ?WARN', 'WARN message')).toBe(true);
    expect(matches('?ERROR ?WARN', 'INFO message')).toBe(false);
  });

  it('excludes -terms, with or without a space after the minus', () => {
    expect(matches('ERROR -ARGUMENTS', '[ERROR 419] MISSING ARGUMENTS')).toBe(false);
    expect(matches('"ERROR" - "Exiting"', 'Exiting with ERRORCODE: -1')).toBe(false);
    expect(matches('"ERROR" - "Exiting"', '[ERROR] A fatal exception has occurred')).toBe(true);
  });

  it('matches every message with the empty pattern, "" and " "', () => {
    for (const pattern of ['', '   ', '""', '" "']) {
      expect(matches(pattern, 'anything at all')).toBe(true);
      expect(matches(pattern, '')).toBe(true);
    }
  });

  it('reads the \\" and \\\\ escapes inside a quoted phrase', () => {
    expect(matches('"say \\"hi\\""', 'they say "hi" twice')).toBe(true);
    expect(matches('"C:\\\\temp"', 'saved to C:\\temp')).toBe(true);
  });

  it('treats a JSON message as text', () => {
    expect(matches('hello', '{"hello" : "world"}')).toBe(true);
    expect(matches('"{"', '{"hello" : "world"}')).toBe(true);
  });
});
