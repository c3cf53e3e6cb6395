import { describe, expect, it } from 'vitest';
import { FilterPatternError, formatFilterPatternError } from '../../src/filter-pattern';
import { EksAuditError } from '../../src/shared/errors';
import { errorOf } from './helpers';

describe('Filter pattern: errors read like a compiler', () => {
  it('throws a FilterPatternError (an EksAuditError with a stable code) carrying column and reason', () => {
    const error = errorOf('{ $.verb = }');
    expect(error).toBeInstanceOf(FilterPatternError);
    expect(error).toBeInstanceOf(EksAuditError);
    expect(error.code).toBe('FILTER_PATTERN_INVALID');
    expect(error.column).toBe(12);
    expect(error.reason).toBe("expected a value after '=' but found '}'");
    expect(error.message).toBe("column 12: expected a value after '=' but found '}'");
  });

  it.each([
    ['{ $.verb "get" }', 10, 'expected an operator'],
    ['{ verb = get }', 3, 'expected a selector such as $.verb'],
    ['{ $.verb = get', 15, "the '}' that closes the '{' at column 1"],
    ['{ $.verb = get } extra', 18, "expected the end of the pattern after the closing '}'"],
    ['{ ($.a = 1 }', 12, "expected ')' to close the '(' at column 3"],
    ['{ $.a == 1 }', 7, "'==' is not an operator"],
    ['{ $.a = 1 & $.b = 2 }', 11, "expected '&&'"],
    ['{ $.a > abc }', 9, "expected a number after '>'"],
    ['{ $.a IS NOT NULL }', 10, 'IS NOT is not supported'],
    ['{ $.a EXISTS }', 7, 'EXISTS is not supported'],
    ['{ $.a = system:node }', 15, 'must be in double quotes'],
    ['{ $.@timestamp = 1 }', 5, "'@' cannot appear in a property name"],
    ['{ $.a[*] = 1 }', 6, 'do not support [*]'],
    ['{ $["a"] = 1 }', 4, "do not support $['name']"],
    ['{ $.a = "x }', 9, 'unterminated string'],
    ['[]', 2, 'expected at least one field name'],
    ['[a b]', 4, "expected an operator (=, !=, <, >, <=, >=) after 'a'"],
    ['[a, ..., b, ...]', 13, "only one '...' is allowed"],
    ['[a.b]', 2, "'a.b' is not a field name"],
    ['#Cloud', 1, `put the term in double quotes: "#Cloud"`],
    ['kube-system', 5, `put the term in double quotes: "kube-system"`],
    ['ERROR -', 7, "expected a term after '-'"],
    ['%abc', 1, "expected a closing '%'"],
    ['  { $.a = }', 11, "expected a value after '='"],
  ])('%s -> column %i', (pattern, column, reason) => {
    const error = errorOf(pattern);
    expect(error.column).toBe(column);
    expect(error.reason).toContain(reason);
  });

  it('rejects a pattern longer than 1,024 characters at column 1025', () => {
    const error = errorOf(`"${'x'.repeat(1030)}"`);
    expect(error.message).toBe(
      'column 1025: the pattern is 1032 characters long; CloudWatch allows at most 1024',
    );
  });

  it('renders the pattern with a caret under the column for a terminal', () => {
    const pattern = '{ $.verb = }';
    expect(formatFilterPatternError(errorOf(pattern), pattern)).toBe(
      "error: column 12: expected a value after '=' but found '}'\n  { $.verb = }\n             ^\n",
    );
  });
});
