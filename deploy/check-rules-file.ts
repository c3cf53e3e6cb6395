/**
 * Validates and packs a rules file exactly as the ingest function's bundle needs it (`packIngestRulesFile`: the
 * same parser, schema, filter-pattern compiler and messages as `npm start` and the CLI), for
 * deploy/packed-rules.cjs, which runs it when the service is packaged:
 * `node --import tsx deploy/check-rules-file.ts rules/my-rules.yaml` (relative to the service folder).
 * Prints the packed rule set as JSON and exits 0, or prints every problem (rule and field) and exits 1.
 */
import { packIngestRulesFile } from '../src/ingest/rules-file';
import { describeError } from '../src/shared/errors';

const [rulesFile] = process.argv.slice(2);
if (!rulesFile) {
  process.stderr.write('usage: node --import tsx deploy/check-rules-file.ts RULES_FILE\n');
  process.exit(2);
}
try {
  process.stdout.write(`${JSON.stringify(packIngestRulesFile(rulesFile, process.cwd()))}\n`);
} catch (error) {
  process.stderr.write(`${describeError(error)}\n`);
  process.exit(1);
}
