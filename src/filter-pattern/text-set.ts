import { wildcardText } from './value-test';

/**
 * One matcher for several `=` string literals of the same selector: exact values go in a Set, wildcard values
 * (`sre/*`, `*.internal`, `*admin*`) in short lists. `matchesAnyText(['a', 'b*'])('bob')` equals
 * `wildcardText('a')('bob') || wildcardText('b*')('bob')`, in one call.
 *
 * @example
 * const isProtected = matchesAnyText(['kube-system', 'vault', 'istio-*']);
 * isProtected('istio-ingress'); // true
 */
export function matchesAnyText(texts: readonly string[]): (text: string) => boolean {
  if (texts.some((t) => /^\*+$/.test(t))) return () => true;
  const exact = new Set(texts.filter((t) => !t.startsWith('*') && !t.endsWith('*')));
  const wildcards = texts.filter((t) => t.startsWith('*') || t.endsWith('*')).map(wildcardText);
  if (wildcards.length === 0) return (text) => exact.has(text);
  return (text) => {
    if (exact.has(text)) return true;
    for (const wildcard of wildcards) if (wildcard(text)) return true;
    return false;
  };
}
