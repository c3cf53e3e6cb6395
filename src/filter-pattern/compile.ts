import type { FilterPatternNode } from './ast';
import { compileDelimitedPredicate } from './evaluate-delimited';
import { compileJsonPredicate, parseJsonObject } from './evaluate-json';
import { compileTermPredicate } from './evaluate-terms';
import { parseFilterPattern } from './parse';
import { compileCloudWatchRegex } from './regex';
import { isRecord } from './selector';
import type { FilterPattern } from './types';

/**
 * Parses and compiles a CloudWatch Logs filter pattern once; the result evaluates any number of messages.
 * Throws `FilterPatternError` (with the 1-based column) for an invalid pattern.
 *
 * @example
 * const pattern = compileFilterPattern('{ $.verb != "get" && $.objectRef.resource = "secrets" }');
 * pattern.matches('{"verb":"delete","objectRef":{"resource":"secrets"}}'); // true
 * pattern.matchesParsed(line, JSON.parse(line)); // same answer, without parsing again
 */
export function compileFilterPattern(text: string): FilterPattern {
  return compileNode(text, parseFilterPattern(text));
}

function compileNode(source: string, node: FilterPatternNode): FilterPattern {
  if (node.kind === 'json') {
    const test = compileJsonPredicate(node.expression);
    return Object.freeze({
      source,
      kind: node.kind,
      matches: (message: string) => {
        const parsed = parseJsonObject(message);
        return parsed !== undefined && test(parsed);
      },
      // A JSON pattern matches JSON objects only: an array, a number or a non-JSON message matches nothing.
      matchesParsed: (_message: string, parsed: unknown) => isRecord(parsed) && test(parsed),
    });
  }
  const test =
    node.kind === 'term'
      ? compileTermPredicate(node.alternatives)
      : node.kind === 'space-delimited'
        ? compileDelimitedPredicate(node.slots)
        : regexPredicate(node.regex.source, node.regex.column);
  return Object.freeze({
    source,
    kind: node.kind,
    matches: (message: string) => test(message),
    matchesParsed: (message: string, _parsed: unknown) => test(message),
  });
}

function regexPredicate(source: string, column: number): (message: string) => boolean {
  const regex = compileCloudWatchRegex(source, column);
  return (message) => regex.test(message);
}
