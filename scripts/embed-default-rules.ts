/**
 * Embeds `rules/default-rules.yaml` in `src/ingest/default-rules-text.ts`, so the ingest Lambda bundle carries
 * its default rule set (no file to package, no path that differs between tsx and the bundle): the YAML text,
 * and the same document already parsed, as JSON, because the YAML parser is the slowest part of a cold start.
 * Run `npx tsx scripts/embed-default-rules.ts` after changing the rules file; a test fails while it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

/** Repository-relative paths of the source YAML and the generated module. */
export const DEFAULT_RULES_YAML_PATH = 'rules/default-rules.yaml';
export const DEFAULT_RULES_MODULE_PATH = 'src/ingest/default-rules-text.ts';

/**
 * The generated module's text for a YAML text: the YAML and its parsed document as JSON, each in a template
 * literal escaped so it is the text byte for byte.
 *
 * @example
 * renderDefaultRulesModule('version: 1\n'); // DEFAULT_RULES_YAML = `version: 1\n`, DEFAULT_RULES_JSON = `{"version":1}`
 */
export function renderDefaultRulesModule(yaml: string): string {
  const json = JSON.stringify(parseDocument(yaml).toJS());
  return `// Generated from ${DEFAULT_RULES_YAML_PATH} by scripts/embed-default-rules.ts: do not edit by hand.

/** The default rule set's YAML, embedded so the ingest bundle needs no rules file. */
export const DEFAULT_RULES_YAML = \`${templateText(yaml)}\`;

/** The same document, parsed at build time: JSON.parse takes under a millisecond, the YAML parser over 100 ms cold. */
export const DEFAULT_RULES_JSON = \`${templateText(json)}\`;
`;
}

/** Escapes text for a template literal, so the literal is the text byte for byte. */
function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const yaml = readFileSync(resolve(root, DEFAULT_RULES_YAML_PATH), 'utf8');
  writeFileSync(resolve(root, DEFAULT_RULES_MODULE_PATH), renderDefaultRulesModule(yaml));
  console.log(`wrote ${DEFAULT_RULES_MODULE_PATH}`);
}
