import type { DelimitedSlot, Expression, FieldCondition } from './ast';
import { FilterPatternError } from './errors';
import { tokenize } from './lexer';
import { type ParseContext, parseExpression, parseValue } from './parse-expression';
import { TokenStream, unexpected } from './token-stream';

/** Field names as AWS CDK validates them (`validColumnName`): letters, digits, `_` and `-`. */
const FIELD_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Parses a space-delimited pattern `[field, field = value, ..., field > 10 && field < 20]`. An empty slot (as in
 * the documented `[..., request=*.html*, status_code=4*,]`) is an unnamed field; `...` may appear once.
 *
 * @example
 * parseDelimitedPattern('[ip, user, ..., status_code = 4*, bytes]').length; // 5
 */
export function parseDelimitedPattern(text: string): DelimitedSlot[] {
  const stream = new TokenStream(tokenize(text));
  const context: ParseContext = { regexCount: 0 };
  const open = stream.expect('[', "'['");
  if (stream.peek().kind === ']') throw unexpected(stream.peek(), 'at least one field name');
  const slots: DelimitedSlot[] = [readSlot(stream, context)];
  while (stream.peek().kind === ',') {
    stream.next();
    slots.push(readSlot(stream, context));
  }
  stream.expect(']', `',' or the ']' that closes the '[' at column ${open.column}`);
  const rest = stream.peek();
  if (rest.kind !== 'eof') throw unexpected(rest, "the end of the pattern after the closing ']'");
  rejectSecondEllipsis(slots);
  return slots;
}

function readSlot(stream: TokenStream, context: ParseContext): DelimitedSlot {
  const first = stream.peek();
  if (first.kind === ',' || first.kind === ']') return { type: 'field', column: first.column };
  const after = stream.peek(1).kind;
  if (first.kind === 'word' && first.text === '...') {
    stream.next();
    if (after !== ',' && after !== ']') throw unexpected(stream.peek(), "',' or ']' after '...'");
    return { type: 'ellipsis', column: first.column };
  }
  if (first.kind === 'word' && (after === ',' || after === ']')) {
    stream.next();
    return { type: 'field', name: checkName(first.text, first.column), column: first.column };
  }
  const condition = parseExpression(stream, (s) => readFieldCondition(s, context));
  return { type: 'condition', name: firstName(condition), condition, column: first.column };
}

function readFieldCondition(stream: TokenStream, context: ParseContext): FieldCondition {
  const name = stream.peek();
  if (name.kind !== 'word') throw unexpected(name, 'a field name');
  if (name.text === '...')
    throw new FilterPatternError(name.column, "'...' stands for any fields and takes no condition");
  stream.next();
  const operator = stream.peek();
  if (operator.kind !== 'operator') {
    throw unexpected(operator, `an operator (=, !=, <, >, <=, >=) after '${name.text}'`);
  }
  stream.next();
  const value = parseValue(stream, operator, context);
  return {
    type: 'compare',
    field: checkName(name.text, name.column),
    operator: operator.operator,
    value,
    column: name.column,
  };
}

function checkName(name: string, column: number): string {
  if (!FIELD_NAME.test(name)) {
    throw new FilterPatternError(column, `'${name}' is not a field name; use letters, digits, '_' and '-'`);
  }
  return name;
}

function firstName(expression: Expression<FieldCondition>): string {
  return expression.type === 'compare'
    ? expression.field
    : firstName(expression.operands[0] as Expression<FieldCondition>);
}

function rejectSecondEllipsis(slots: readonly DelimitedSlot[]): void {
  const ellipses = slots.filter((slot) => slot.type === 'ellipsis');
  const second = ellipses[1];
  if (second)
    throw new FilterPatternError(second.column, "only one '...' is allowed in a space-delimited pattern");
}
