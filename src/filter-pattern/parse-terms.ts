import type { TermAlternative, TermNode } from './ast';
import { FilterPatternError } from './errors';
import { describeChar, readQuoted } from './lexer';

/** Unquoted terms: "terms that include characters other than alphanumeric or underscore must be placed inside double quotes". */
const BARE_CHAR = /[A-Za-z0-9_]/;
const WHITESPACE = /\s/;

interface MutableAlternative {
  include: TermNode[];
  exclude: TermNode[];
}

/**
 * Parses a term pattern: words and quoted phrases that must all appear, `-term` for terms that must not, and
 * `?` to start another alternative (AWS CDK's `anyTermGroup` writes `?"ERROR" "MainThread" ?"WARN" "Deadlock"`
 * for "(ERROR and MainThread) or (WARN and Deadlock)"). The empty pattern is one alternative with no terms.
 *
 * @example
 * parseTermPattern('?ERROR ?WARN').length; // 2
 */
export function parseTermPattern(text: string): TermAlternative[] {
  const alternatives: MutableAlternative[] = [{ include: [], exclude: [] }];
  let i = skipSpace(text, 0);
  while (i < text.length) {
    const prefixColumn = i + 1;
    let startsAlternative = false;
    let excluded = false;
    if (text[i] === '?') {
      startsAlternative = true;
      i = skipSpace(text, i + 1);
    }
    if (text[i] === '-') {
      excluded = true;
      i = skipSpace(text, i + 1);
    }
    if (i >= text.length) {
      throw new FilterPatternError(prefixColumn, `expected a term after '${excluded ? '-' : '?'}'`);
    }
    const [term, end] = readTerm(text, i);
    if (startsAlternative && hasTerms(alternatives[alternatives.length - 1])) {
      alternatives.push({ include: [], exclude: [] });
    }
    const current = alternatives[alternatives.length - 1] as MutableAlternative;
    (excluded ? current.exclude : current.include).push(term);
    i = skipSpace(text, end);
  }
  return alternatives;
}

function readTerm(text: string, start: number): [TermNode, number] {
  if (text[start] === '"') {
    const [token, end] = readQuoted(text, start);
    const after = text[end];
    if (after !== undefined && !WHITESPACE.test(after)) {
      throw new FilterPatternError(
        end + 1,
        `expected a space after the closing '"' but found ${describeChar(after)}`,
      );
    }
    return [{ text: token.text, quoted: true, column: start + 1 }, end];
  }
  let end = start;
  while (end < text.length && BARE_CHAR.test(text[end] as string)) end++;
  const after = text[end];
  if (after !== undefined && !WHITESPACE.test(after)) throw rejectBareChar(text, start, end);
  return [{ text: text.slice(start, end), quoted: false, column: start + 1 }, end];
}

function rejectBareChar(text: string, start: number, at: number): FilterPatternError {
  const char = text[at] as string;
  let chunkEnd = at;
  while (chunkEnd < text.length && !WHITESPACE.test(text[chunkEnd] as string)) chunkEnd++;
  const chunk = text.slice(start, chunkEnd).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const hint =
    char === '?' || char === '-'
      ? `'${char}' must come before a term, after a space`
      : `${describeChar(char)} is not allowed in an unquoted term`;
  return new FilterPatternError(at + 1, `${hint}; put the term in double quotes: "${chunk}"`);
}

function hasTerms(alternative: MutableAlternative | undefined): boolean {
  return alternative !== undefined && alternative.include.length + alternative.exclude.length > 0;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.test(text[i] as string)) i++;
  return i;
}
