import { FilterPatternError } from './errors';

/**
 * What CloudWatch accepts between the `%` signs: ASCII letters and digits, the symbols `_ # = @ / ; , - :` and the
 * operators `^ $ ? [ ] { } | \ * + .`. Parentheses, spaces, `!` and multi-byte characters are rejected
 * (FilterAndPatternSyntax, "Supported regular expressions (regex) syntax").
 */
const ALLOWED = /^[A-Za-z0-9_#=@/;,\-:^$?[\]{}|\\*+.]$/;

/**
 * Checks a CloudWatch regular expression (the text between the `%` signs) and compiles it once, so evaluation
 * never builds a RegExp. `column` is where the opening `%` stands.
 *
 * @example
 * compileCloudWatchRegex('colou?r', 1).test('colour'); // true
 */
export function compileCloudWatchRegex(source: string, column: number): RegExp {
  if (source.length === 0) throw new FilterPatternError(column, 'empty regular expression between % signs');
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (!ALLOWED.test(char)) throw new FilterPatternError(column + 1 + i, describeRejected(char));
  }
  try {
    return new RegExp(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
    throw new FilterPatternError(column + 1, `invalid regular expression: ${detail}`);
  }
}

function describeRejected(char: string): string {
  if (char === '(' || char === ')') {
    return `'${char}' is not supported in a CloudWatch regular expression (no subpatterns)`;
  }
  if (char === ' ') return 'a space is not supported in a CloudWatch regular expression; use \\s';
  const shown =
    char.codePointAt(0) !== undefined && char.charCodeAt(0) < 0x20 ? 'a control character' : `'${char}'`;
  return `${shown} is not supported in a CloudWatch regular expression (allowed: letters, digits, _ # = @ / ; , - : and ^ $ ? [ ] { } | \\ * + .)`;
}
