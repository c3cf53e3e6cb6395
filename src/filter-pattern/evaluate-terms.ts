import type { TermAlternative } from './ast';
import type { Predicate } from './compile-expression';

/**
 * Compiles a term pattern: an alternative matches when the message contains every included term and none of
 * the excluded ones (case-sensitive substrings, so `ERROR` matches inside `ERRORCODE`); the pattern matches
 * when any alternative does. A quoted phrase of only blanks (`" "`) matches every message, as documented.
 *
 * @example
 * compileTermPredicate(parseTermPattern('ERROR -ARGUMENTS'))('[ERROR 400] BAD REQUEST'); // true
 */
export function compileTermPredicate(alternatives: readonly TermAlternative[]): Predicate<string> {
  const compiled = alternatives.map((alternative) => ({
    include: alternative.include.filter((t) => !isBlank(t.text)).map((t) => t.text),
    exclude: alternative.exclude.map((t) => t.text),
    excludesAll: alternative.exclude.some((t) => isBlank(t.text)),
  }));
  const live = compiled.filter((alternative) => !alternative.excludesAll);
  return (message) => {
    for (const alternative of live) {
      if (
        alternative.include.every((t) => message.includes(t)) &&
        !alternative.exclude.some((t) => message.includes(t))
      ) {
        return true;
      }
    }
    return false;
  };
}

function isBlank(text: string): boolean {
  return text.length > 0 && text.trim().length === 0;
}
