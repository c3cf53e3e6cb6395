import type { Expression, JsonCondition } from './ast';
import { compileExpression, type Predicate } from './compile-expression';
import { compileSelector, isRecord } from './selector';
import { compileValueTest } from './value-test';

/**
 * Compiles a JSON pattern's expression into a predicate over the parsed log event (a JSON object). A selector
 * that points at an object, an array, `null` or nothing fails every comparison, `=` and `!=` alike
 * ("both {$.users = 1} and {$.users != 1} will fail to match a log event where users is an array").
 *
 * @example
 * compileJsonPredicate(parseJsonPattern('{ $.verb = "delete" }'))({ verb: 'delete' }); // true
 */
export function compileJsonPredicate(
  expression: Expression<JsonCondition>,
): Predicate<Record<string, unknown>> {
  return compileExpression(expression, compileJsonCondition);
}

function compileJsonCondition(condition: JsonCondition): Predicate<Record<string, unknown>> {
  const get = compileSelector(condition.selector.path);
  if (condition.type === 'not-exists') return (root) => get(root) === undefined;
  if (condition.type === 'is') {
    const expected = condition.expected;
    return (root) => get(root) === expected;
  }
  const test = compileValueTest(condition.operator, condition.value);
  const { onString, onNumber, onBoolean } = test;
  return (root) => {
    const value = get(root);
    switch (typeof value) {
      case 'string':
        return onString(value);
      case 'number':
        return onNumber(value);
      case 'boolean':
        return onBoolean(value);
      default:
        return false;
    }
  };
}

/**
 * Parses a message as a JSON object, or returns undefined. Only a message whose first non-blank character is `{`
 * is handed to JSON.parse, so plain-text lines cost no exception.
 *
 * @example
 * parseJsonObject('{"verb":"get"}'); // { verb: 'get' }
 * parseJsonObject('GET /healthz'); // undefined
 */
export function parseJsonObject(message: string): Record<string, unknown> | undefined {
  let i = 0;
  while (i < message.length && message.charCodeAt(i) <= 0x20) i++;
  if (message[i] !== '{') return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
