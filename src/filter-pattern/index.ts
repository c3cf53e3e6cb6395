/**
 * The CloudWatch Logs filter-pattern engine: parse once with `compileFilterPattern`, evaluate many times with
 * `matches` (raw message) or `matchesParsed` (message already parsed as JSON). Pure: no I/O.
 */
export type {
  ComparisonOperator,
  DelimitedSlot,
  Expression,
  FieldCondition,
  FilterPatternNode,
  JsonCondition,
  SelectorNode,
  TermAlternative,
  TermNode,
  ValueNode,
} from './ast';
export { compileFilterPattern } from './compile';
export { FilterPatternError, formatFilterPatternError } from './errors';
export { MAX_PATTERN_LENGTH, parseFilterPattern } from './parse';
export { splitFields } from './split-fields';
export type { FilterPattern, FilterPatternErrorShape } from './types';
