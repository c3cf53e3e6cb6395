import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_FILE, readRuleSetFile } from '../../src/adapters/fs/rules-file';
import { RulesFileError } from '../../src/detect/rules/errors';
import { loadRuleSet } from '../../src/detect/rules/load';

function problemsOf(text: string): readonly string[] {
  try {
    loadRuleSet(text, 'rules.yaml');
  } catch (error) {
    if (error instanceof RulesFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the rules file to be rejected');
}

const validRule = 'id: secret-read, title: Secret read, severity: high, condition: { verbs: [get] }';

describe('loadRuleSet', () => {
  it('compiles a valid YAML file with defaults for actors, dry-run and enabled', () => {
    const ruleSet = loadRuleSet(`rules: [{ ${validRule} }]`, 'rules.yaml');
    expect(ruleSet.rules).toHaveLength(1);
    expect(ruleSet.rules[0]).toMatchObject({
      id: 'secret-read',
      severity: 'high',
      includeDryRun: false,
      position: 1,
    });
    expect([...(ruleSet.rules[0]?.actors ?? [])]).toEqual(['human']);
    expect(ruleSet.protectedNamespaces).toEqual([]);
  });

  it('reads JSON too', () => {
    const json = JSON.stringify({
      protectedNamespaces: ['vault'],
      rules: [{ id: 'a', title: 'A', severity: 'low', condition: { resources: ['pods/exec'] } }],
    });
    const ruleSet = loadRuleSet(json, 'rules.json');
    expect(ruleSet.rules.map((r) => r.id)).toEqual(['a']);
    expect(ruleSet.protectedNamespaces).toEqual(['vault']);
  });

  it('leaves out rules marked enabled: false', () => {
    const ruleSet = loadRuleSet(
      `rules: [{ ${validRule}, enabled: false }, { ${validRule.replace('secret-read', 'b')} }]`,
      'r',
    );
    expect(ruleSet.rules.map((r) => r.id)).toEqual(['b']);
  });

  it('names the rule by id and position, and the field, for a bad value', () => {
    const rules = `rules: [{ ${validRule} }, { id: a, title: A, severity: huge, condition: { verbs: [get] } }]`;
    expect(problemsOf(rules)).toEqual([
      `rules.yaml: rule 'a' (#2): severity: Invalid option: expected one of "info"|"low"|"medium"|"high"|"critical"`,
    ]);
  });

  it('reports an invalid filter pattern with its column under condition.pattern', () => {
    const rules = `rules: [{ id: secret-read, title: T, severity: high, condition: { pattern: '{ $.verb = }' } }]`;
    expect(problemsOf(rules)).toEqual([
      "rules.yaml: rule 'secret-read' (#1): condition.pattern: column 12: expected a value after '=' but found '}'",
    ]);
  });

  it('rejects an unknown key (a typo must not silently widen a rule)', () => {
    const rules = 'rules: [{ id: a, title: A, severity: low, condition: { verb: [delete] } }]';
    expect(problemsOf(rules)).toEqual([`rules.yaml: rule 'a' (#1): condition: Unrecognized key: "verb"`]);
  });

  it('names a rule without an id by its position, and the path inside a list', () => {
    const rules = 'rules: [{ title: A, severity: low, condition: { verbs: [get, 3] } }]';
    expect(problemsOf(rules)).toEqual([
      'rules.yaml: rule #1: id: Invalid input: expected string, received undefined',
      'rules.yaml: rule #1: condition.verbs[1]: Invalid input: expected string, received number',
    ]);
  });

  it('rejects an empty condition, a duplicate id and a malformed MITRE id, all in one pass', () => {
    const rules = [
      'rules:',
      `  - { ${validRule} }`,
      `  - { ${validRule} }`,
      '  - { id: b, title: B, severity: low, condition: {} }',
      `  - { id: c, title: C, severity: low, condition: { verbs: [get] }, mitre: { id: ATT1 } }`,
    ].join('\n');
    expect(problemsOf(rules)).toEqual([
      "rules.yaml: rule 'secret-read' (#2): id: duplicate of rule #1",
      "rules.yaml: rule 'b' (#3): condition: a condition needs at least one field (pattern, verbs, resources, namespaces, outcome, ...) besides `not`",
      "rules.yaml: rule 'c' (#4): mitre.id: expected a MITRE ATT&CK technique id such as T1098 or T1098.006",
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const [first] = problemsOf('rules:\n  - id: a\n    title: [\n');
    expect(first).toMatch(/^rules\.yaml: line \d+, column \d+: /);
  });

  it('reports a file without rules at the top level', () => {
    expect(problemsOf('rulez: []')).toEqual([
      'rules.yaml: rules: Invalid input: expected array, received undefined',
      'rules.yaml: (top level): Unrecognized key: "rulez"',
    ]);
  });

  it('says when a rules file cannot be read', () => {
    expect(() => readRuleSetFile('/nonexistent/rules.yaml', 'my-rules.yaml')).toThrow(
      /^my-rules\.yaml: cannot read the rules file: /,
    );
  });
});

describe('rules/default-rules.yaml', () => {
  it('loads, and every rule has a title, a description and a MITRE technique except the seed pattern', () => {
    const ruleSet = readRuleSetFile(DEFAULT_RULES_FILE);
    expect(ruleSet.rules.length).toBeGreaterThanOrEqual(15);
    for (const rule of ruleSet.rules) {
      expect(rule.description, rule.id).toBeTruthy();
      if (rule.id !== 'seed-manual-change') expect(rule.mitre?.id, rule.id).toMatch(/^T\d{4}/);
    }
  });

  it("carries the seed module's filter pattern verbatim (the HCL string of the blog's Terraform example, unescaped)", () => {
    const blog = readFileSync('../shared/seed/000_5d6e7547d3c28b97.txt', 'utf8');
    const hcl = /filter_pattern\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(blog)?.[1];
    expect(hcl).toBeDefined();
    const seedPattern = JSON.parse(`"${hcl}"`) as string;
    const file = readFileSync(DEFAULT_RULES_FILE, 'utf8');
    expect(file).toContain(`pattern: '${seedPattern}'`);
  });
});
