import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * Parses YAML text with the `yaml` library, which is loaded on the first call rather than when this module
 * loads. The ingest function parses YAML only for a custom RULES_FILE (its default rules ship pre-parsed), and
 * initialising the library cost about 20 ms of every cold start (bench/bundles.ts).
 *
 * In the Lambda bundles (CommonJS) esbuild turns `require('yaml')` into a call that initialises the bundled copy
 * then; under tsx and Vitest (ES modules, where `require` is not defined) Node's own require loads it.
 *
 * @example
 * parseYamlDocument('version: 1\n').toJS(); // { version: 1 }
 */
export function parseYamlDocument(text: string): Yaml.Document.Parsed {
  loaded ??= (
    typeof require === 'function' ? require('yaml') : createRequire(import.meta.url)('yaml')
  ) as typeof Yaml;
  return loaded.parseDocument(text);
}
