import type { DelimitedSlot, FieldCondition } from './ast';
import { compileExpression, type Predicate } from './compile-expression';
import { splitFields } from './split-fields';
import { compileValueTest } from './value-test';

const ANY_FIELD: Predicate<string> = () => true;

/**
 * Compiles a space-delimited pattern into a predicate over the raw message. Without `...` the message must have
 * exactly as many fields as the pattern; with it, the slots before `...` match the first fields and the slots
 * after it the last ones. Every condition in a slot tests that slot's field, whatever name it is written with.
 *
 * @example
 * compileDelimitedPredicate(parseDelimitedPattern('[w1=ERROR, w2]'))('ERROR message'); // true
 */
export function compileDelimitedPredicate(slots: readonly DelimitedSlot[]): Predicate<string> {
  const ellipsis = slots.findIndex((slot) => slot.type === 'ellipsis');
  const tests = slots.filter((slot) => slot.type !== 'ellipsis').map(compileSlot);
  if (ellipsis < 0) {
    return (message) => {
      const fields = splitFields(message);
      return fields.length === tests.length && fieldsPass(tests, fields, 0, 0, tests.length);
    };
  }
  const before = ellipsis;
  const after = tests.length - before;
  return (message) => {
    const fields = splitFields(message);
    if (fields.length < tests.length) return false;
    return (
      fieldsPass(tests, fields, 0, 0, before) &&
      fieldsPass(tests, fields, before, fields.length - after, after)
    );
  };
}

function fieldsPass(
  tests: readonly Predicate<string>[],
  fields: readonly string[],
  firstTest: number,
  firstField: number,
  count: number,
): boolean {
  for (let k = 0; k < count; k++) {
    const test = tests[firstTest + k] as Predicate<string>;
    if (!test(fields[firstField + k] as string)) return false;
  }
  return true;
}

function compileSlot(slot: DelimitedSlot): Predicate<string> {
  if (slot.type !== 'condition') return ANY_FIELD;
  return compileExpression(slot.condition, compileFieldCondition);
}

function compileFieldCondition(condition: FieldCondition): Predicate<string> {
  return compileValueTest(condition.operator, condition.value).onString;
}
