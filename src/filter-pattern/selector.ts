/**
 * Compiles a selector path into an accessor. The accessor returns the value it points at, or `undefined` when
 * the path does not exist (JSON has no `undefined`, so it cannot be confused with a value). A property step
 * never reads through an array, an index step only reads arrays, and names that exist on `Object.prototype`
 * (`constructor`, `__proto__`, ...) are read as own properties only.
 *
 * @example
 * compileSelector(['objectRef', 'namespace'])({ objectRef: { namespace: 'kube-system' } }); // 'kube-system'
 */
export function compileSelector(path: readonly (string | number)[]): (root: unknown) => unknown {
  const steps = path.slice();
  const guarded = steps.map((step) => typeof step === 'string' && step in Object.prototype);
  const [first, second] = steps;
  if (steps.length === 1 && typeof first === 'string' && !guarded[0]) return (root) => property(root, first);
  if (
    steps.length === 2 &&
    typeof first === 'string' &&
    typeof second === 'string' &&
    !guarded.includes(true)
  ) {
    return (root) => property(property(root, first), second);
  }
  return (root) => {
    let value: unknown = root;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as string | number;
      if (typeof step === 'number') {
        if (!Array.isArray(value)) return undefined;
        value = value[step];
      } else if (guarded[i]) {
        value = isRecord(value) && Object.hasOwn(value, step) ? value[step] : undefined;
      } else {
        value = property(value, step);
      }
      if (value === undefined) return undefined;
    }
    return value;
  };
}

function property(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
