import type { Expression, JsonCondition } from './ast';
import { allOf, anyOf, type Predicate } from './compile-expression';
import { compileSelector, isRecord } from './selector';
import { matchesAnyText } from './text-set';
import { compileValueTest } from './value-test';

type JsonPredicate = Predicate<Record<string, unknown>>;
type StringCompare = JsonCondition & { type: 'compare'; value: { type: 'string' } };

/**
 * Compiles a JSON pattern's expression into a predicate over the parsed log event (a JSON object). A selector
 * that points at an object, an array, `null` or nothing fails every comparison, `=` and `!=` alike
 * ("both {$.users = 1} and {$.users != 1} will fail to match a log event where users is an array").
 *
 * Filter patterns written for audit logs are long chains like `$.ns = "a" || $.ns = "b" || ...` and
 * `$.verb != "get" && $.verb != "list"`: such runs on one selector become one Set lookup, so the event is read
 * once per selector instead of once per literal.
 *
 * @example
 * compileJsonPredicate(parseJsonPattern('{ $.verb = "delete" }'))({ verb: 'delete' }); // true
 */
export function compileJsonPredicate(expression: Expression<JsonCondition>): JsonPredicate {
  if (expression.type === 'and' || expression.type === 'or') {
    const operator = expression.type === 'or' ? '=' : '!=';
    const { groups, rest } = groupStringCompares(expression.operands, operator);
    const parts = [...groups.map((group) => compileTextSet(group)), ...rest.map(compileJsonPredicate)];
    return expression.type === 'or' ? anyOf(parts) : allOf(parts);
  }
  return compileJsonCondition(expression);
}

/** Splits operands into runs of `<selector> <operator> "text"` per selector (two or more) and everything else. */
function groupStringCompares(operands: readonly Expression<JsonCondition>[], operator: '=' | '!=') {
  const bySelector = new Map<string, StringCompare[]>();
  const rest: Expression<JsonCondition>[] = [];
  for (const operand of operands) {
    if (operand.type === 'compare' && operand.operator === operator && operand.value.type === 'string') {
      const key = JSON.stringify(operand.selector.path);
      bySelector.set(key, [...(bySelector.get(key) ?? []), operand as StringCompare]);
    } else {
      rest.push(operand);
    }
  }
  const groups = [...bySelector.values()].filter((group) => group.length > 1);
  for (const single of [...bySelector.values()].filter((group) => group.length === 1)) rest.push(...single);
  return { groups, rest };
}

/** `=` group: the value's text is one of the literals. `!=` group: it is a scalar and none of them. */
function compileTextSet(group: readonly StringCompare[]): JsonPredicate {
  const first = group[0] as StringCompare;
  const get = compileSelector(first.selector.path);
  const matchesAny = matchesAnyText(group.map((c) => c.value.text));
  const negated = first.operator === '!=';
  return (root) => {
    const value = get(root);
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : undefined;
    return text !== undefined && matchesAny(text) !== negated;
  };
}

function compileJsonCondition(condition: JsonCondition): JsonPredicate {
  const get = compileSelector(condition.selector.path);
  if (condition.type === 'not-exists') return (root) => get(root) === undefined;
  if (condition.type === 'is') {
    const expected = condition.expected;
    return (root) => get(root) === expected;
  }
  const { onString, onNumber, onBoolean } = compileValueTest(condition.operator, condition.value);
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
