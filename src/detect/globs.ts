/**
 * `*` globs for names, namespaces and request URIs, compiled once. A list without `*` becomes a Set lookup,
 * which keeps per-event cost flat however long the list is.
 */
export type GlobList = (value: string) => string | undefined;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Compiles globs into a matcher that returns the glob that matched, or `undefined`.
 *
 * @example
 * compileGlobs(['/healthz*', '/livez'])('/healthz/etcd') // '/healthz*'
 */
export function compileGlobs(globs: readonly string[]): GlobList {
  const exact = new Set(globs.filter((g) => !g.includes('*')));
  const wild = globs.filter((g) => g.includes('*')).map((g) => ({ glob: g, re: globToRegExp(g) }));
  return (value) => {
    if (exact.has(value)) return value;
    for (const w of wild) if (w.re.test(value)) return w.glob;
    return undefined;
  };
}
