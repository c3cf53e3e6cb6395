import { EksAuditError } from '../shared/errors';
import type { FilterPatternErrorShape } from './types';

/**
 * An invalid filter pattern. The message reads like a compiler's: `column 17: expected a value after '='`;
 * `column` is 1-based and counts characters of the pattern as given (before any trimming).
 *
 * @example
 * try {
 *   compileFilterPattern('{ $.verb = }');
 * } catch (error) {
 *   if (error instanceof FilterPatternError) console.error(error.message); // column 12: expected a value after '='
 * }
 */
export class FilterPatternError extends EksAuditError implements FilterPatternErrorShape {
  override readonly name = 'FilterPatternError';
  constructor(
    readonly column: number,
    readonly reason: string,
  ) {
    super('FILTER_PATTERN_INVALID', `column ${column}: ${reason}`);
  }
}

/**
 * Renders an error under the pattern it belongs to, with a caret at the column, for a terminal.
 *
 * @example
 * formatFilterPatternError(error, '{ $.verb = }');
 * // error: column 12: expected a value after '='
 * //   { $.verb = }
 * //              ^
 */
export function formatFilterPatternError(error: FilterPatternError, pattern: string): string {
  const oneLine = pattern.replace(/[\r\n\t]/g, ' ');
  const caret = `${' '.repeat(Math.max(0, error.column - 1))}^`;
  return `error: ${error.message}\n  ${oneLine}\n  ${caret}\n`;
}
