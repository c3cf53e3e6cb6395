/**
 * Embeds `rules/default-rules.yaml` in `src/ingest/default-rules-text.ts`, so the ingest Lambda bundle carries
 * its default rule set as text (no file to package, no path that differs between tsx and the bundle).
 * Run `npx tsx scripts/embed-default-rules.ts` after changing the rules file; a test fails while it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository-relative paths of the source YAML and the generated module. */
export const DEFAULT_RULES_YAML_PATH = 'rules/default-rules.yaml';
export const DEFAULT_RULES_MODULE_PATH = 'src/ingest/default-rules-text.ts';

/**
 * The generated module's text for a YAML text: one template literal, escaped so it is the YAML byte for byte.
 *
 * @example
 * renderDefaultRulesModule('version: 1\n'); // 'export const DEFAULT_RULES_YAML = `version: 1\n`;' with a header
 */
export function renderDefaultRulesModule(yaml: string): string {
  const literal = yaml.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return `// Generated from ${DEFAULT_RULES_YAML_PATH} by scripts/embed-default-rules.ts: do not edit by hand.

/** The default rule set's YAML, embedded so the ingest bundle needs no rules file. */
export const DEFAULT_RULES_YAML = \`${literal}\`;
`;
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const yaml = readFileSync(resolve(root, DEFAULT_RULES_YAML_PATH), 'utf8');
  writeFileSync(resolve(root, DEFAULT_RULES_MODULE_PATH), renderDefaultRulesModule(yaml));
  console.log(`wrote ${DEFAULT_RULES_MODULE_PATH}`);
}
