import type { ComparisonOperator, Expression, ValueNode } from './ast';
import { FilterPatternError } from './errors';
import type { Token } from './lexer';
import { compileCloudWatchRegex } from './regex';
import { type TokenStream, unexpected } from './token-stream';

/** A number as CloudWatch writes one: optional sign, decimals, optional exponent (`-1`, `55.5`, `1e-3`, `+1000`). */
export const NUMBER_LITERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** CloudWatch allows at most 2 regular expressions in one JSON or space-delimited pattern. */
export const MAX_REGEX_PER_PATTERN = 2;

/** Counts regular expressions while one pattern is parsed, to enforce `MAX_REGEX_PER_PATTERN`. */
export interface ParseContext {
  regexCount: number;
}

/**
 * Parses `a || b && (c || d)` with `&&` binding tighter than `||`, reading each condition with `condition`.
 *
 * @example
 * parseExpression(stream, readJsonCondition); // { type: 'or', operands: [...] }
 */
export function parseExpression<C>(stream: TokenStream, condition: (s: TokenStream) => C): Expression<C> {
  const operands = [parseAnd(stream, condition)];
  while (stream.peek().kind === '||') {
    stream.next();
    operands.push(parseAnd(stream, condition));
  }
  return operands.length === 1 ? (operands[0] as Expression<C>) : { type: 'or', operands };
}

function parseAnd<C>(stream: TokenStream, condition: (s: TokenStream) => C): Expression<C> {
  const operands = [parsePrimary(stream, condition)];
  while (stream.peek().kind === '&&') {
    stream.next();
    operands.push(parsePrimary(stream, condition));
  }
  return operands.length === 1 ? (operands[0] as Expression<C>) : { type: 'and', operands };
}

function parsePrimary<C>(stream: TokenStream, condition: (s: TokenStream) => C): Expression<C> {
  const open = stream.peek();
  if (open.kind !== '(') return condition(stream);
  stream.next();
  const inner = parseExpression(stream, condition);
  stream.expect(')', `')' to close the '(' at column ${open.column}`);
  return inner;
}

/**
 * Reads the value after `operator`. Relational operators (`<`, `>`, `<=`, `>=`) need a number; a regex counts
 * towards the per-pattern limit.
 */
export function parseValue(
  stream: TokenStream,
  operator: Token & { kind: 'operator' },
  context: ParseContext,
): ValueNode {
  const token = stream.peek();
  const value = toValue(token);
  if (!value) throw unexpected(token, `a value after '${operator.operator}'`);
  stream.next();
  if (isRelational(operator.operator) && value.type !== 'number') {
    throw new FilterPatternError(value.column, `expected a number after '${operator.operator}'`);
  }
  if (value.type === 'regex') {
    compileCloudWatchRegex(value.source, value.column);
    context.regexCount++;
    if (context.regexCount > MAX_REGEX_PER_PATTERN) {
      throw new FilterPatternError(
        value.column,
        `a JSON or space-delimited pattern may contain at most ${MAX_REGEX_PER_PATTERN} regular expressions`,
      );
    }
  }
  return value;
}

function toValue(token: Token): ValueNode | undefined {
  if (token.kind === 'string')
    return { type: 'string', text: token.text, quoted: true, column: token.column };
  if (token.kind === 'regex') return { type: 'regex', source: token.source, column: token.column };
  if (token.kind !== 'word') return undefined;
  if (NUMBER_LITERAL.test(token.text)) {
    return { type: 'number', value: Number(token.text), text: token.text, column: token.column };
  }
  return { type: 'string', text: token.text, quoted: false, column: token.column };
}

/** True for `<`, `>`, `<=` and `>=`, which compare numbers only. */
export function isRelational(operator: ComparisonOperator): boolean {
  return operator !== '=' && operator !== '!=';
}
