import { compileFilterPattern, FilterPatternError } from '../../src/filter-pattern';

/**
 * True when `pattern` matches `message`. For a message that is JSON, also checks that `matchesParsed` agrees
 * with `matches`, so every syntax test covers both entry points.
 */
export function matches(pattern: string, message: string | Record<string, unknown>): boolean {
  const line = typeof message === 'string' ? message : JSON.stringify(message);
  const compiled = compileFilterPattern(pattern);
  const raw = compiled.matches(line);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  const viaParsed = compiled.matchesParsed(line, parsed);
  if (viaParsed !== raw) throw new Error(`matches and matchesParsed disagree for ${pattern} on ${line}`);
  return raw;
}

/** The FilterPatternError that compiling `pattern` throws (fails the test when it compiles). */
export function errorOf(pattern: string): FilterPatternError {
  try {
    compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be rejected`);
}
