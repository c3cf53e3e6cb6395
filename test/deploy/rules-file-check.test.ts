import { describe, expect, it } from 'vitest';
import { packageService } from '../../scripts/package-service';

// The local plugin deploy/plugins/rules-file.cjs, run by the real osls packaging (offline, in an isolated copy
// of the service): a rulesFile the ingest function could not load stops `package` (and so `deploy`) with the
// ingest function's own messages, before anything reaches AWS. The good case (rulesFile =
// rules/default-rules.yaml) is packaged by test/deploy/template.test.ts.

const params = { logGroups: '/aws/eks/prod-eu/cluster' };

describe('Packaging with a rulesFile', () => {
  it('stops at an invalid rule, naming the file, the rule and the field', async () => {
    const broken =
      'version: 1\nrules:\n  - id: oops\n    title: Oops\n    severity: urgent\n    condition: { verbs: [delete] }\n';
    await expect(
      packageService({
        params: { ...params, rulesFile: 'rules/team.yaml' },
        files: { 'rules/team.yaml': broken },
      }),
    ).rejects.toThrow(
      /rulesFile rules\/team\.yaml would fail the ingest function:[\s\S]*rules\/team\.yaml: rule 'oops' \(#1\): severity: /,
    );
  }, 120_000);

  it('stops at a YAML syntax error with its line and column, and at a file that is not there', async () => {
    const [syntax, missing] = await Promise.allSettled([
      packageService({
        params: { ...params, rulesFile: 'rules/team.yaml' },
        files: { 'rules/team.yaml': 'version: 1\nrules: [\n' },
      }),
      packageService({ params: { ...params, rulesFile: 'rules/absent.yaml' } }),
    ]);
    expect(syntax).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/rules\/team\.yaml: line \d+, column \d+: /) },
    });
    expect(missing).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/rules\/absent\.yaml: cannot read the rules file/) },
    });
  }, 120_000);
});
