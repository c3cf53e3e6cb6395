import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudFormationTableProperties } from '../src/adapters/dynamodb/table';

/**
 * Writes `deploy/audit-table.json`: the `Properties` of the audit-trail `AWS::DynamoDB::Table`, generated from
 * `src/adapters/dynamodb/table.ts` so the deployed table cannot drift from the one the code and tests use.
 * serverless.yml reads it with `${file(./deploy/audit-table.json)}`; test/deploy/audit-table.test.ts fails when
 * the file is stale.
 *
 *   npx tsx scripts/deploy-table.ts           # regenerate
 *   npx tsx scripts/deploy-table.ts --check   # exit 1 if stale
 */

/** Where the generated file lives, from the project root. */
export const auditTableJsonPath = 'deploy/audit-table.json';

/**
 * The file's exact content: the CloudFormation properties (CloudFormation names the table), as stable JSON.
 *
 * @example
 * writeFileSync('deploy/audit-table.json', auditTableJson());
 */
export function auditTableJson(): string {
  return `${JSON.stringify(cloudFormationTableProperties(), null, 2)}\n`;
}

function main(argv: readonly string[]): number {
  const path = fileURLToPath(new URL(`../${auditTableJsonPath}`, import.meta.url));
  const wanted = auditTableJson();
  if (argv.includes('--check')) {
    const current = readFileSync(path, 'utf8');
    if (current === wanted) return 0;
    process.stderr.write(`${auditTableJsonPath} is stale: run npx tsx scripts/deploy-table.ts\n`);
    return 1;
  }
  writeFileSync(path, wanted);
  process.stdout.write(`wrote ${auditTableJsonPath}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
