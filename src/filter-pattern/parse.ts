import type { FilterPatternNode } from './ast';
import { FilterPatternError } from './errors';
import { parseDelimitedPattern } from './parse-delimited';
import { parseJsonPattern } from './parse-json';
import { parseTermPattern } from './parse-terms';
import { compileCloudWatchRegex } from './regex';

/** CloudWatch's limit on the length of a filter pattern (PutMetricFilter / PutSubscriptionFilter). */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * Parses a filter pattern into its syntax tree, classifying it as CloudWatch does by its first non-blank
 * character: `{` a JSON pattern, `[` a space-delimited pattern, `%` a regular expression, anything else terms.
 * Throws `FilterPatternError` for an invalid pattern.
 *
 * @example
 * parseFilterPattern('{ $.verb = "delete" }').kind; // 'json'
 */
export function parseFilterPattern(text: string): FilterPatternNode {
  if (text.length > MAX_PATTERN_LENGTH) {
    throw new FilterPatternError(
      MAX_PATTERN_LENGTH + 1,
      `the pattern is ${text.length} characters long; CloudWatch allows at most ${MAX_PATTERN_LENGTH}`,
    );
  }
  const start = text.search(/\S/);
  const first = start < 0 ? '' : text[start];
  if (first === '{') return { kind: 'json', expression: parseJsonPattern(text) };
  if (first === '[') return { kind: 'space-delimited', slots: parseDelimitedPattern(text) };
  if (first === '%') return { kind: 'regex', regex: parseStandaloneRegex(text, start) };
  return { kind: 'term', alternatives: parseTermPattern(text) };
}

function parseStandaloneRegex(text: string, start: number) {
  const end = text.trimEnd().length - 1;
  if (end === start || text[end] !== '%') {
    throw new FilterPatternError(start + 1, "unterminated regular expression: expected a closing '%'");
  }
  const source = text.slice(start + 1, end);
  const inner = source.indexOf('%');
  if (inner >= 0) {
    throw new FilterPatternError(
      start + 2 + inner,
      "'%' ends the regular expression here; a regular expression pattern must be one %...% and nothing else",
    );
  }
  compileCloudWatchRegex(source, start + 1);
  return { type: 'regex' as const, source, column: start + 1 };
}
