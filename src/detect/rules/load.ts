import { FilterPatternError } from '../../filter-pattern/errors';
import type * as z from '../../shared/zod';
import { compileRule } from './compile';
import { RulesFileError } from './errors';
import { PACKED_RULES_FORMAT, type PackedRuleSet } from './packed';
import { type RuleSpec, RuleSpecSchema, RulesFileSchema } from './schema';
import type { CompiledRule, RuleSet } from './types';
import { parseYamlDocument } from './yaml';

/**
 * Parses, validates and compiles a rules file (YAML, or JSON which is YAML too). Every problem is collected
 * before throwing, so a user fixes a file in one pass.
 *
 * @throws RulesFileError naming the file, the rule and the field of each problem.
 * @example
 * const ruleSet = loadRuleSet(readFileSync('rules.yaml', 'utf8'), 'rules.yaml');
 * ruleSet.rules.map((r) => r.id); // ['secret-read', ...]
 */
export function loadRuleSet(text: string, source: string): RuleSet {
  return compileRuleSet(parseRulesText(text, source), source);
}

/** The document a YAML (or JSON) rules text holds. @throws RulesFileError with each syntax error's position. */
function parseRulesText(text: string, source: string): unknown {
  const doc = parseYamlDocument(text);
  if (doc.errors.length > 0) {
    throw new RulesFileError(
      doc.errors.map((e) => `${source}: ${yamlPosition(e.linePos)}${firstLine(e.message)}`),
    );
  }
  return doc.toJS();
}

/**
 * Validates and compiles an already-parsed rules document (what a YAML or JSON rules file holds), for callers
 * that have it without the text.
 *
 * @throws RulesFileError naming the source, the rule and the field of each problem.
 * @example
 * compileRuleSet({ rules: [{ id: 'exec', title: 'Exec', severity: 'low', condition: { resources: ['pods/exec'] } }] }, 'inline').rules.length; // 1
 */
export function compileRuleSet(value: unknown, source: string): RuleSet {
  const checked = checkRuleSet(value, source);
  return {
    source,
    rules: checked.rules.map((r) => r.compiled),
    protectedNamespaces: checked.protectedNamespaces,
  };
}

/**
 * Parses, validates and compiles a rules file like `loadRuleSet`, and returns it packed (see `PackedRuleSet`):
 * what packaging puts in the ingest bundle, so the function compiles its rules without parsing or validating.
 *
 * @throws RulesFileError naming the file, the rule and the field of each problem.
 * @example
 * packRuleSet(readFileSync('rules/team.yaml', 'utf8'), 'rules/team.yaml').rules[0]?.spec.actors; // ['human']
 */
export function packRuleSet(text: string, file: string): PackedRuleSet {
  const checked = checkRuleSet(parseRulesText(text, file), file);
  return {
    format: PACKED_RULES_FORMAT,
    file,
    protectedNamespaces: checked.protectedNamespaces,
    rules: checked.rules.map(({ position, spec }) => ({ position, spec })),
  };
}

interface CheckedRule {
  readonly position: number;
  readonly spec: RuleSpec;
  readonly compiled: CompiledRule;
}

/** Every problem of the document at once, or its enabled rules validated and compiled. */
function checkRuleSet(
  value: unknown,
  source: string,
): { rules: CheckedRule[]; protectedNamespaces: string[] } {
  const file = RulesFileSchema.safeParse(value);
  if (!file.success) throw new RulesFileError(file.error.issues.map((i) => `${source}: ${issueText(i)}`));
  const problems: string[] = [];
  const rules: CheckedRule[] = [];
  const seen = new Map<string, number>();
  file.data.rules.forEach((raw, index) => {
    const label = ruleLabel(raw, index);
    const spec = RuleSpecSchema.safeParse(raw);
    if (!spec.success) {
      for (const issue of spec.error.issues) problems.push(`${source}: ${label}: ${issueText(issue)}`);
      return;
    }
    const first = seen.get(spec.data.id);
    if (first !== undefined) problems.push(`${source}: ${label}: id: duplicate of rule #${first}`);
    seen.set(spec.data.id, index + 1);
    const compiled = compileOrReport(spec.data, index + 1, `${source}: ${label}`, problems);
    if (compiled && spec.data.enabled) rules.push({ position: index + 1, spec: spec.data, compiled });
  });
  if (problems.length > 0) throw new RulesFileError(problems);
  return { rules, protectedNamespaces: file.data.protectedNamespaces };
}

function compileOrReport(spec: RuleSpec, position: number, where: string, problems: string[]) {
  try {
    return compileRule(spec, position);
  } catch (error) {
    if (!(error instanceof FilterPatternError)) throw error;
    problems.push(`${where}: condition.pattern: ${error.message}`);
    return undefined;
  }
}

/** `rule 'secret-read' (#4)`, or `rule #4` when the id is missing or not a string. */
function ruleLabel(raw: unknown, index: number): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? `rule '${id}' (#${index + 1})` : `rule #${index + 1}`;
}

/** `condition.verbs[0]: expected string, received number`. */
function issueText(issue: z.core.$ZodIssue): string {
  let path = '';
  for (const key of issue.path)
    path += typeof key === 'number' ? `[${key}]` : path ? `.${String(key)}` : String(key);
  return `${path || '(top level)'}: ${issue.message}`;
}

/** The yaml package's message without its own position and code frame, which we render ourselves. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

function yamlPosition(linePos: readonly { line: number; col: number }[] | undefined): string {
  const start = linePos?.[0];
  return start ? `line ${start.line}, column ${start.col}: ` : '';
}
