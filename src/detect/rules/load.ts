import { FilterPatternError } from '../../filter-pattern/errors';
import type * as z from '../../shared/zod';
import { compileRule } from './compile';
import { RulesFileError } from './errors';
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
  const doc = parseYamlDocument(text);
  if (doc.errors.length > 0) {
    throw new RulesFileError(
      doc.errors.map((e) => `${source}: ${yamlPosition(e.linePos)}${firstLine(e.message)}`),
    );
  }
  return compileRuleSet(doc.toJS(), source);
}

/**
 * Validates and compiles an already-parsed rules document (what a YAML or JSON rules file holds), for callers
 * that have it without the text: the ingest function ships its default rules pre-parsed, because parsing YAML
 * costs more at a cold start than everything else the function does before its first event.
 *
 * @throws RulesFileError naming the source, the rule and the field of each problem.
 * @example
 * compileRuleSet(JSON.parse(rulesJson), 'rules/default-rules.yaml').rules.length;
 */
export function compileRuleSet(value: unknown, source: string): RuleSet {
  const file = RulesFileSchema.safeParse(value);
  if (!file.success) throw new RulesFileError(file.error.issues.map((i) => `${source}: ${issueText(i)}`));
  const problems: string[] = [];
  const rules: CompiledRule[] = [];
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
    if (compiled && spec.data.enabled) rules.push(compiled);
  });
  if (problems.length > 0) throw new RulesFileError(problems);
  return { source, rules, protectedNamespaces: file.data.protectedNamespaces };
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
