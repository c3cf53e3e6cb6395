import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../src/filter-pattern';
import { errorOf, matches } from './helpers';

describe('Filter pattern: regular expressions %...%', () => {
  it('is classified as a regex pattern when the whole pattern is one %...%', () => {
    expect(compileFilterPattern('%AUTHORIZED%').kind).toBe('regex');
  });

  it('searches anywhere in the message, case-sensitively', () => {
    expect(matches('%AUTHORIZED%', '[ERROR 401] UNAUTHORIZED REQUEST')).toBe(true);
    expect(matches('%authorized%', '[ERROR 401] UNAUTHORIZED REQUEST')).toBe(false);
  });

  it('supports the documented operators', () => {
    expect(matches('%^[hc]at%', 'cat food')).toBe(true);
    expect(matches('%^[hc]at%', 'a cat')).toBe(false);
    expect(matches('%[hc]at$%', 'a hat')).toBe(true);
    expect(matches('%a{3,5}%', 'baaab')).toBe(true);
    expect(matches('%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', 'from 10.0.12.7')).toBe(true);
    expect(matches('%[Ee]rror|[Ff]ail%', 'request timed out')).toBe(false);
    expect(matches('%[Ee]rror|[Ff]ail%', 'Fail: x')).toBe(true);
  });

  it('is a value in JSON and space-delimited patterns', () => {
    expect(matches('{ $.user.username = %^sre/[a-z]+$% }', { user: { username: 'sre/alice' } })).toBe(true);
    expect(matches('{ $.user.username != %^sre/% }', { user: { username: 'sre/alice' } })).toBe(false);
    expect(matches('{ $.code = %^4% }', { code: 404 })).toBe(true);
    expect(matches('[verb = %^get$%, ...]', 'get x')).toBe(true);
    expect(matches('[verb = %^get$%, ...]', 'gets x')).toBe(false);
  });

  it('allows at most 2 regular expressions in a JSON or space-delimited pattern', () => {
    expect(compileFilterPattern('{ $.a = %x% || $.b = %y% }').kind).toBe('json');
    expect(errorOf('{ $.a = %x% || $.b = %y% || $.c = %z% }').message).toBe(
      'column 35: a JSON or space-delimited pattern may contain at most 2 regular expressions',
    );
  });

  it('rejects the characters CloudWatch does not support', () => {
    expect(errorOf('%something!%').message).toMatch(/^column 11: '!' is not supported/);
    expect(errorOf('%(a|b)%').message).toMatch(/^column 2: '\(' is not supported .*no subpatterns/);
    expect(errorOf('%two words%').message).toMatch(/^column 5: a space is not supported .*\\s/);
    expect(errorOf('%café%').message).toMatch(/^column 5: 'é' is not supported/);
  });
});
