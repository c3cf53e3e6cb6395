import type { ComparisonOperator, ValueNode } from './ast';
import { NUMBER_LITERAL } from './parse-expression';
import { compileCloudWatchRegex } from './regex';

/**
 * A compiled comparison against one scalar value, one function per JSON scalar type. Space-delimited fields are
 * always strings and use `onString` only.
 */
export interface ScalarTest {
  readonly onString: (value: string) => boolean;
  readonly onNumber: (value: number) => boolean;
  readonly onBoolean: (value: boolean) => boolean;
}

/**
 * Compiles `<operator> <value>` into a `ScalarTest`, once, so evaluation builds no RegExp and parses nothing but
 * numeric strings. Rules (see the README's filter-pattern section):
 * - a number literal compares numerically with a JSON number or a string that is entirely a number;
 * - a string literal compares with the text of the value (`404`, `true`); a leading and/or trailing `*` is a
 *   wildcard, a `*` in the middle is literal;
 * - `!=` is true for a scalar value that does not satisfy `=`.
 *
 * @example
 * compileValueTest('=', { type: 'string', text: 'sre/*', quoted: true, column: 1 }).onString('sre/alice'); // true
 */
export function compileValueTest(operator: ComparisonOperator, value: ValueNode): ScalarTest {
  const equal = value.type === 'number' ? numberTest(value.value, operator) : textTest(value);
  if (operator !== '!=') return equal;
  return {
    onString: (s) => !equal.onString(s),
    onNumber: (n) => !equal.onNumber(n),
    onBoolean: (b) => !equal.onBoolean(b),
  };
}

function numberTest(expected: number, operator: ComparisonOperator): ScalarTest {
  const compare = numericComparison(operator, expected);
  return {
    onNumber: compare,
    onString: (s) => NUMBER_LITERAL.test(s) && compare(Number(s)),
    onBoolean: () => false,
  };
}

function numericComparison(operator: ComparisonOperator, expected: number): (n: number) => boolean {
  switch (operator) {
    case '<':
      return (n) => n < expected;
    case '>':
      return (n) => n > expected;
    case '<=':
      return (n) => n <= expected;
    case '>=':
      return (n) => n >= expected;
    default:
      return (n) => n === expected; // '=' and, negated by the caller, '!='
  }
}

function textTest(value: Exclude<ValueNode, { type: 'number' }>): ScalarTest {
  const test = value.type === 'regex' ? regexText(value.source, value.column) : wildcardText(value.text);
  return {
    onString: test,
    onNumber: (n) => test(String(n)),
    onBoolean: (b) => test(b ? 'true' : 'false'),
  };
}

function regexText(source: string, column: number): (s: string) => boolean {
  const regex = compileCloudWatchRegex(source, column);
  return (s) => regex.test(s);
}

/**
 * `*` alone matches any value; `abc*` a prefix, `*abc` a suffix, `*abc*` a substring; any other `*` is literal
 * ("Ev*ent will only match the actual string Ev*ent", FilterAndPatternSyntax 2021).
 */
export function wildcardText(text: string): (s: string) => boolean {
  if (/^\*+$/.test(text)) return () => true;
  const leading = text.startsWith('*');
  const trailing = text.endsWith('*');
  const core = text.replace(/^\*+/, '').replace(/\*+$/, '');
  if (leading && trailing) return (s) => s.includes(core);
  if (leading) return (s) => s.endsWith(core);
  if (trailing) return (s) => s.startsWith(core);
  return (s) => s === text;
}
