import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudFormationTableProperties } from '../src/adapters/dynamodb/table';

/**
 * Writes `deploy/audit-table.json`: the `Properties` of the audit-trail `AWS::DynamoDB::Table`, generated from
 * `src/adapters/dynamodb/table.ts` so the deployed table cannot drift from the one the code and tests use.
 * serverless.yml reads it with `${file(./deploy/audit-table.json)}`; test/deploy/audit-table.test.ts fails when
 * the file is stale. Written as Biome formats it, so `npm run lint` stays clean.
 *
 *   npx tsx scripts/deploy-table.ts           # regenerate
 *   npx tsx scripts/deploy-table.ts --check   # exit 1 if stale
 */

/** Where the generated file lives, from the project root. */
export const auditTableJsonPath = 'deploy/audit-table.json';

/**
 * The table's CloudFormation properties (CloudFormation names the table), as the generated file holds them.
 *
 * @example
 * expect(JSON.parse(readFileSync('deploy/audit-table.json', 'utf8'))).toEqual(auditTableProperties());
 */
export function auditTableProperties(): Record<string, unknown> {
  return cloudFormationTableProperties();
}

/** Formats JSON text as Biome does for this path (the project's formatter). */
function biomeFormat(json: string, path: string): string {
  const biome = fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url));
  const result = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${path}`], {
    input: json,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}

function main(argv: readonly string[]): number {
  const path = fileURLToPath(new URL(`../${auditTableJsonPath}`, import.meta.url));
  const wanted = biomeFormat(JSON.stringify(auditTableProperties(), null, 2), path);
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
