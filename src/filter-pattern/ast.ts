/**
 * The syntax tree of a CloudWatch Logs filter pattern, as `parseFilterPattern` returns it. Every node keeps the
 * 1-based column where it starts, so later checks can still point at the pattern text.
 */

/** A comparison operator of JSON and space-delimited conditions. */
export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A literal on the right of a comparison. `string` values may carry `*` wildcards (decided at compile time). */
export type ValueNode =
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly column: number }
  | { readonly type: 'string'; readonly text: string; readonly quoted: boolean; readonly column: number }
  | { readonly type: 'regex'; readonly source: string; readonly column: number };

/** `$.a.b[0]`: a property name is a string step, an array index a number step. */
export interface SelectorNode {
  readonly text: string;
  readonly path: readonly (string | number)[];
  readonly column: number;
}

/** One condition of a JSON pattern. */
export type JsonCondition =
  | {
      readonly type: 'compare';
      readonly selector: SelectorNode;
      readonly operator: ComparisonOperator;
      readonly value: ValueNode;
    }
  | { readonly type: 'is'; readonly selector: SelectorNode; readonly expected: null | true | false }
  | { readonly type: 'not-exists'; readonly selector: SelectorNode };

/** One condition of a space-delimited field: `status_code = 4*`. `field` is the name written before the operator. */
export interface FieldCondition {
  readonly type: 'compare';
  readonly field: string;
  readonly operator: ComparisonOperator;
  readonly value: ValueNode;
  readonly column: number;
}

/** A boolean expression over conditions `C`: `&&` and `||` are n-ary, parentheses leave no node. */
export type Expression<C> =
  | C
  | { readonly type: 'and'; readonly operands: readonly Expression<C>[] }
  | { readonly type: 'or'; readonly operands: readonly Expression<C>[] };

/** One slot of a space-delimited pattern. */
export type DelimitedSlot =
  | { readonly type: 'ellipsis'; readonly column: number }
  | { readonly type: 'field'; readonly name?: string; readonly column: number }
  | {
      readonly type: 'condition';
      readonly name: string;
      readonly condition: Expression<FieldCondition>;
      readonly column: number;
    };

/** A word or quoted phrase of a term pattern; `text` is the decoded content. */
export interface TermNode {
  readonly text: string;
  readonly quoted: boolean;
  readonly column: number;
}

/** Terms that must all appear, and terms that must not, in one `?` alternative. */
export interface TermAlternative {
  readonly include: readonly TermNode[];
  readonly exclude: readonly TermNode[];
}

/** A whole parsed pattern, by kind. */
export type FilterPatternNode =
  | { readonly kind: 'term'; readonly alternatives: readonly TermAlternative[] }
  | { readonly kind: 'regex'; readonly regex: Extract<ValueNode, { type: 'regex' }> }
  | { readonly kind: 'json'; readonly expression: Expression<JsonCondition> }
  | { readonly kind: 'space-delimited'; readonly slots: readonly DelimitedSlot[] };
