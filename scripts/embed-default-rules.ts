/**
 * Packs `rules/default-rules.yaml` into `src/ingest/default-rules.ts`: the file validated and compiled once
 * here, its rules kept as the schema returned them (`packRuleSet`), so the ingest function compiles its default
 * rules at a cold start without the YAML parser or the rules schema (neither is in its bundle).
 * Run `npx tsx scripts/embed-default-rules.ts` after changing the rules file; a test fails while it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packRuleSet } from '../src/detect/rules/load';
import { DEFAULT_RULES_PATH } from '../src/ingest/bundled-rules';

/** Repository-relative paths of the source YAML and the generated module. */
export const DEFAULT_RULES_YAML_PATH = DEFAULT_RULES_PATH;
export const DEFAULT_RULES_MODULE_PATH = 'src/ingest/default-rules.ts';

/**
 * The generated module's text for the default rules file's text: the packed rule set as one JSON string, which
 * V8 reads faster with JSON.parse than it compiles the same object as a literal.
 *
 * @throws RulesFileError when the YAML is not a valid rules file.
 * @example
 * renderDefaultRulesModule(readFileSync('rules/default-rules.yaml', 'utf8')); // 'export const DEFAULT_RULES ...'
 */
export function renderDefaultRulesModule(yaml: string): string {
  const packed = JSON.stringify(packRuleSet(yaml, DEFAULT_RULES_YAML_PATH));
  return `// Generated from ${DEFAULT_RULES_YAML_PATH} by scripts/embed-default-rules.ts: do not edit by hand.
import type { PackedRuleSet } from '../detect/rules/packed';

/** ${DEFAULT_RULES_YAML_PATH}, validated and packed: the rule set every ingest bundle carries by default. */
export const DEFAULT_RULES: PackedRuleSet = JSON.parse(
  '${packed.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}',
);
`;
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const yaml = readFileSync(resolve(root, DEFAULT_RULES_YAML_PATH), 'utf8');
  writeFileSync(resolve(root, DEFAULT_RULES_MODULE_PATH), renderDefaultRulesModule(yaml));
  console.log(`wrote ${DEFAULT_RULES_MODULE_PATH}`);
}
