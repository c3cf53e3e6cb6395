import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * Parses YAML text with the `yaml` library, loaded on the first call rather than when this module loads, so a
 * command that never reads a rules file does not pay for initialising it. (The deployed ingest function never
 * parses YAML: its rules are packed into its bundle at packaging, see src/detect/rules/packed.ts.)
 *
 * Bundled as CommonJS, esbuild turns `require('yaml')` into a call that initialises the bundled copy then;
 * under tsx and Vitest (ES modules, where `require` is not defined) Node's own require loads it.
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
