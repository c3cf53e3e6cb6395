import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../scripts/template-check/spec';

/*
 * The IAM grants in deploy/resources/roles.yml (and their spec in scripts/template-check/spec.ts) must keep up
 * with the AWS calls the adapters make: a new DynamoDB, SNS or SSM command fails here until it is granted.
 */

const root = new URL('../../', import.meta.url);

function commandsIn(folder: string): Set<string> {
  const dir = new URL(folder, root);
  const files = readdirSync(dir).filter((file) => file.endsWith('.ts'));
  const names = files.flatMap((file) =>
    [...readFileSync(new URL(file, `${dir.href}/`), 'utf8').matchAll(/new (\w+)Command\(/g)].map(
      (m) => m[1] ?? '',
    ),
  );
  return new Set(names);
}

/** Commands the local store's setup sends (CreateTable, DescribeTable); the deployed table is CloudFormation's. */
const localOnly = new Set(['CreateTable', 'DescribeTable']);
/** IAM authorises PublishBatch with sns:Publish. */
const iamAction: Record<string, string> = { 'sns:PublishBatch': 'sns:Publish' };
const granted = new Set(functionSpecs.flatMap((spec) => spec.table?.actions ?? []));

describe('IAM coverage of the adapters’ AWS calls', () => {
  it('grants every DynamoDB command the audit trail sends', () => {
    const needed = [...commandsIn('src/adapters/dynamodb')]
      .filter((c) => !localOnly.has(c))
      .map((c) => `dynamodb:${c}`);
    expect(needed.length).toBeGreaterThan(0);
    expect([...granted]).toEqual(expect.arrayContaining(needed));
  });

  it('needs nothing from SNS but sns:Publish, and from SSM but ssm:GetParameters', () => {
    const sns = [...commandsIn('src/adapters/sns')].map((c) => iamAction[`sns:${c}`] ?? `sns:${c}`);
    const ssm = [...commandsIn('src/adapters/ssm')].map((c) => `ssm:${c}`);
    expect(new Set(sns)).toEqual(new Set(['sns:Publish']));
    expect(ssm).toEqual(['ssm:GetParameters']);
  });
});
