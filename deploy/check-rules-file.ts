/**
 * Checks a rules file exactly as the ingest function will load it (`loadIngestRuleSet`: the same parser, schema,
 * filter-pattern compiler and messages), for deploy/plugins/rules-file.cjs, which runs it when the service is
 * packaged: `node --import tsx deploy/check-rules-file.ts rules/my-rules.yaml` (relative to the service folder).
 * Prints `<file>: N rules` and exits 0, or prints every problem (rule and field) and exits 1.
 */
import { loadIngestRuleSet } from '../src/ingest/setup';
import { describeError } from '../src/shared/errors';

const [rulesFile] = process.argv.slice(2);
if (!rulesFile) {
  process.stderr.write('usage: node --import tsx deploy/check-rules-file.ts RULES_FILE\n');
  process.exit(2);
}
try {
  const ruleSet = loadIngestRuleSet(rulesFile, process.cwd());
  process.stdout.write(`${rulesFile}: ${ruleSet.rules.length} rules\n`);
} catch (error) {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
}
