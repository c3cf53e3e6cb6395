/**
 * The public contract of the CloudWatch Logs filter-pattern engine. Parse once with `compileFilterPattern`,
 * evaluate many times.
 */

/** A compiled filter pattern, reusable for any number of log messages. */
export interface FilterPattern {
  /** The pattern text as given. */
  readonly source: string;
  /** `term`, `space-delimited`, `json` or `regex` (for a pattern that is a single `%...%`), as CloudWatch classifies it. */
  readonly kind: 'term' | 'space-delimited' | 'json' | 'regex';
  /** True when CloudWatch would match this log message (the raw message text). */
  matches(message: string): boolean;
  /**
   * Same as `matches`, for a caller that has already parsed the message as JSON (the ingest path parses each
   * audit event once). `parsed` must be `JSON.parse(message)`; pass `undefined` when the message is not JSON.
   */
  matchesParsed(message: string, parsed: unknown): boolean;
}

/** Thrown for an invalid pattern: says what is wrong and at which column (1-based), like a compiler. */
export interface FilterPatternErrorShape {
  readonly column: number;
  readonly reason: string;
}
