import type { SelectorNode } from './ast';
import { FilterPatternError } from './errors';

/** Property names: "alphanumeric strings that support hyphen and underscore" (FilterAndPatternSyntax). */
const NAME_CHAR = /[A-Za-z0-9_-]/;
/** What may follow a selector: whitespace, an operator, a parenthesis, `&&`/`||`, or the end of the pattern. */
const AFTER_SELECTOR = /[\s=!<>()&|}\],]/;

/**
 * Reads a property selector that starts at `text[start] === '$'`: `$.name`, then any mix of `.name` and `[index]`.
 *
 * @example
 * readSelector('$.objectRef.namespace = x', 0).selector.path; // ['objectRef', 'namespace']
 */
export function readSelector(text: string, start: number): { selector: SelectorNode; end: number } {
  const path: (string | number)[] = [];
  let i = start + 1;
  if (text[i] === '[' && (text[i + 1] === '"' || text[i + 1] === "'")) {
    throw new FilterPatternError(
      i + 1,
      "CloudWatch selectors do not support $['name']; use $.name (letters, digits, '_' and '-')",
    );
  }
  if (text[i] !== '.') {
    throw new FilterPatternError(i + 1, "expected '.' after '$' (a selector looks like $.name or $.name[0])");
  }
  while (text[i] === '.' || text[i] === '[') {
    if (text[i] === '.') {
      const [name, end] = readName(text, i + 1);
      path.push(name);
      i = end;
    } else {
      const [index, end] = readIndex(text, i);
      path.push(index);
      i = end;
    }
  }
  const next = text[i];
  if (next !== undefined && !AFTER_SELECTOR.test(next)) {
    throw new FilterPatternError(
      i + 1,
      `unexpected '${next}' in a selector; property names may contain only letters, digits, '_' and '-'`,
    );
  }
  return { selector: { text: text.slice(start, i), path, column: start + 1 }, end: i };
}

function readName(text: string, start: number): [string, number] {
  let end = start;
  while (end < text.length && NAME_CHAR.test(text[end] as string)) end++;
  if (end === start) {
    const char = text[start];
    const found =
      char === undefined || /[\s=!<>()&|}\],]/.test(char)
        ? ''
        : `; '${char}' cannot appear in a property name`;
    throw new FilterPatternError(
      start + 1,
      `expected a property name (letters, digits, '_' and '-') after '.'${found}`,
    );
  }
  return [text.slice(start, end), end];
}

function readIndex(text: string, open: number): [number, number] {
  const inner = text[open + 1];
  if (inner === '"' || inner === "'") {
    throw new FilterPatternError(
      open + 1,
      "CloudWatch selectors do not support ['name']; use .name (letters, digits, '_' and '-')",
    );
  }
  if (inner === '*')
    throw new FilterPatternError(
      open + 1,
      'CloudWatch selectors do not support [*]; use an index such as [0]',
    );
  let end = open + 1;
  while (end < text.length && /[0-9]/.test(text[end] as string)) end++;
  if (end === open + 1 || text[end] !== ']') {
    throw new FilterPatternError(open + 1, 'expected an array index such as [0] after the property name');
  }
  return [Number(text.slice(open + 1, end)), end + 1];
}
