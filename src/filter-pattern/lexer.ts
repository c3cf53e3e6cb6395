import type { ComparisonOperator, SelectorNode } from './ast';
import { FilterPatternError } from './errors';
import { readSelector } from './selector-lexer';

/** A token of a JSON (`{ ... }`) or space-delimited (`[ ... ]`) pattern; `column` is 1-based. */
export type Token =
  | { readonly kind: '{' | '}' | '[' | ']' | '(' | ')' | ',' | '&&' | '||' | 'eof'; readonly column: number }
  | { readonly kind: 'operator'; readonly operator: ComparisonOperator; readonly column: number }
  | { readonly kind: 'selector'; readonly selector: SelectorNode; readonly column: number }
  | { readonly kind: 'string'; readonly text: string; readonly column: number }
  | { readonly kind: 'word'; readonly text: string; readonly column: number }
  | { readonly kind: 'regex'; readonly source: string; readonly column: number };

const PUNCTUATION = new Set(['{', '}', '[', ']', '(', ')', ',']);
/** Unquoted values: letters, digits and the few symbols the AWS examples leave unquoted (`123.123.*`, `1e-3`). */
const WORD_CHAR = /[A-Za-z0-9_.*+-]/;
const WHITESPACE = /\s/;

/**
 * Splits the text of a JSON or space-delimited pattern into tokens, ending with an `eof` token.
 *
 * @example
 * tokenize('{ $.verb = "get" }').map((t) => t.kind); // ['{', 'selector', 'operator', 'string', '}', 'eof']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (WHITESPACE.test(char)) {
      i++;
      continue;
    }
    const [token, next] = readToken(text, i, char);
    tokens.push(token);
    i = next;
  }
  tokens.push({ kind: 'eof', column: text.length + 1 });
  return tokens;
}

function readToken(text: string, i: number, char: string): [Token, number] {
  const column = i + 1;
  if (PUNCTUATION.has(char)) return [{ kind: char as '{', column }, i + 1];
  if (char === '&' || char === '|') {
    if (text[i + 1] !== char) throw new FilterPatternError(column, `expected '${char}${char}'`);
    return [{ kind: char === '&' ? '&&' : '||', column }, i + 2];
  }
  if (char === '=' || char === '!' || char === '<' || char === '>') return readOperator(text, i);
  if (char === '"') return readQuoted(text, i);
  if (char === '%') return readRegex(text, i);
  if (char === '$') {
    const { selector, end } = readSelector(text, i);
    return [{ kind: 'selector', selector, column }, end];
  }
  if (WORD_CHAR.test(char)) {
    let end = i;
    while (end < text.length && WORD_CHAR.test(text[end] as string)) end++;
    return [{ kind: 'word', text: text.slice(i, end), column }, end];
  }
  throw new FilterPatternError(
    column,
    `unexpected ${describeChar(char)}; a value with characters other than letters, digits and _ - . * + must be in double quotes`,
  );
}

function readOperator(text: string, i: number): [Token, number] {
  const column = i + 1;
  const pair = text.slice(i, i + 2);
  if (pair === '==') throw new FilterPatternError(column, "'==' is not an operator; use '='");
  if (pair === '!=' || pair === '<=' || pair === '>=') {
    return [{ kind: 'operator', operator: pair, column }, i + 2];
  }
  const char = text[i] as string;
  if (char === '!') throw new FilterPatternError(column, "expected '!=' ('!' alone is not an operator)");
  return [{ kind: 'operator', operator: char as ComparisonOperator, column }, i + 1];
}

/** A double-quoted string; `\"` and `\\` are escapes (as AWS CDK's quoteTerm writes them), other `\` stay. */
export function readQuoted(text: string, i: number): [Token & { kind: 'string' }, number] {
  let out = '';
  let j = i + 1;
  while (j < text.length) {
    const char = text[j] as string;
    if (char === '"') return [{ kind: 'string', text: out, column: i + 1 }, j + 1];
    if (char === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) {
      out += text[j + 1];
      j += 2;
      continue;
    }
    out += char;
    j++;
  }
  throw new FilterPatternError(i + 1, `unterminated string: expected a closing '"'`);
}

function readRegex(text: string, i: number): [Token, number] {
  const close = text.indexOf('%', i + 1);
  if (close < 0)
    throw new FilterPatternError(i + 1, "unterminated regular expression: expected a closing '%'");
  return [{ kind: 'regex', source: text.slice(i + 1, close), column: i + 1 }, close + 1];
}

/** `'@'`, or a readable name for whitespace and control characters. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0')}`;
  return `'${char}'`;
}

/** How a token reads in an error message: `'get'`, `"get"`, `'&&'`, `the end of the pattern`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the pattern';
    case 'operator':
      return `'${token.operator}'`;
    case 'selector':
      return `'${token.selector.text}'`;
    case 'string':
      return JSON.stringify(token.text);
    case 'word':
      return `'${token.text}'`;
    case 'regex':
      return `%${token.source}%`;
    default:
      return `'${token.kind}'`;
  }
}
