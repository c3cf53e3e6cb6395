import type { Expression, JsonCondition, SelectorNode } from './ast';
import { FilterPatternError } from './errors';
import { tokenize } from './lexer';
import { type ParseContext, parseExpression, parseValue } from './parse-expression';
import { TokenStream, unexpected } from './token-stream';

const OPERATORS_HINT = 'an operator (=, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS)';

/**
 * Parses a JSON pattern `{ <expression> }`. Keywords (`IS`, `NULL`, `TRUE`, `FALSE`, `NOT`, `EXISTS`) are read in
 * any case.
 *
 * @example
 * parseJsonPattern('{ $.verb != "get" && $.user.username = "sre/*" }'); // { type: 'and', operands: [...] }
 */
export function parseJsonPattern(text: string): Expression<JsonCondition> {
  const stream = new TokenStream(tokenize(text));
  const context: ParseContext = { regexCount: 0 };
  const open = stream.expect('{', "'{'");
  if (stream.peek().kind === '}') throw unexpected(stream.peek(), 'a condition such as $.name = value');
  const expression = parseExpression(stream, (s) => readJsonCondition(s, context));
  stream.expect('}', `'&&', '||' or the '}' that closes the '{' at column ${open.column}`);
  const rest = stream.peek();
  if (rest.kind !== 'eof') throw unexpected(rest, "the end of the pattern after the closing '}'");
  return expression;
}

function readJsonCondition(stream: TokenStream, context: ParseContext): JsonCondition {
  const token = stream.peek();
  if (token.kind !== 'selector') {
    if (token.kind === 'word' && /^[A-Za-z_]/.test(token.text)) {
      throw new FilterPatternError(
        token.column,
        `expected a selector such as $.${token.text} but found '${token.text}'`,
      );
    }
    throw unexpected(token, 'a selector such as $.name');
  }
  stream.next();
  const selector = token.selector;
  const next = stream.peek();
  if (next.kind === 'operator') {
    stream.next();
    return { type: 'compare', selector, operator: next.operator, value: parseValue(stream, next, context) };
  }
  if (next.kind === 'word') return readKeywordCondition(stream, selector);
  throw unexpected(next, `${OPERATORS_HINT} after ${selector.text}`);
}

function readKeywordCondition(stream: TokenStream, selector: SelectorNode): JsonCondition {
  const keyword = stream.expect('word', 'a keyword');
  const word = keyword.text.toUpperCase();
  if (word === 'IS') {
    const what = stream.peek();
    const value = what.kind === 'word' ? what.text.toUpperCase() : '';
    if (value === 'NULL' || value === 'TRUE' || value === 'FALSE') {
      stream.next();
      return { type: 'is', selector, expected: value === 'NULL' ? null : value === 'TRUE' };
    }
    if (value === 'NOT') {
      throw new FilterPatternError(
        what.column,
        'IS NOT is not supported by CloudWatch; use != or NOT EXISTS',
      );
    }
    throw unexpected(what, "NULL, TRUE or FALSE after 'IS'");
  }
  if (word === 'NOT') {
    const what = stream.peek();
    if (what.kind === 'word' && what.text.toUpperCase() === 'EXISTS') {
      stream.next();
      return { type: 'not-exists', selector };
    }
    throw unexpected(what, "EXISTS after 'NOT'");
  }
  if (word === 'EXISTS') {
    throw new FilterPatternError(
      keyword.column,
      'EXISTS is not supported by CloudWatch; use = * (any value) or NOT EXISTS',
    );
  }
  throw new FilterPatternError(
    keyword.column,
    `expected ${OPERATORS_HINT} after ${selector.text} but found '${keyword.text}'`,
  );
}
