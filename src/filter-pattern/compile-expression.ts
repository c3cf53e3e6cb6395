import type { Expression } from './ast';

/** A compiled predicate over one input (a parsed JSON object, or one space-delimited field). */
export type Predicate<T> = (input: T) => boolean;

/**
 * Compiles an `&&`/`||` tree into nested closures that short-circuit like the operators, with each condition
 * compiled once by `condition`.
 *
 * @example
 * const test = compileExpression(parsed.expression, compileJsonCondition);
 * test({ verb: 'delete' });
 */
export function compileExpression<C extends { type: string }, T>(
  expression: Expression<C>,
  condition: (c: C) => Predicate<T>,
): Predicate<T> {
  if (expression.type !== 'and' && expression.type !== 'or') return condition(expression as C);
  const group = expression as { type: 'and' | 'or'; operands: readonly Expression<C>[] };
  const parts = group.operands.map((operand) => compileExpression(operand, condition));
  return group.type === 'and' ? allOf(parts) : anyOf(parts);
}

/** True when every part is (short-circuits left to right). */
export function allOf<T>(parts: readonly Predicate<T>[]): Predicate<T> {
  const [a, b] = parts;
  if (parts.length === 1 && a) return a;
  if (parts.length === 2 && a && b) return (input) => a(input) && b(input);
  return (input) => {
    for (const part of parts) if (!part(input)) return false;
    return true;
  };
}

/** True when any part is (short-circuits left to right). */
export function anyOf<T>(parts: readonly Predicate<T>[]): Predicate<T> {
  const [a, b] = parts;
  if (parts.length === 1 && a) return a;
  if (parts.length === 2 && a && b) return (input) => a(input) || b(input);
  return (input) => {
    for (const part of parts) if (part(input)) return true;
    return false;
  };
}
