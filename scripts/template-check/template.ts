/**
 * A packaged CloudFormation template as the checks read it, and the two tools they share: `canon` (one
 * spelling per intrinsic, for comparisons) and `resolveConditions` (the template as CloudFormation would
 * create it for the parameters it was packaged with).
 */

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly [key: string]: unknown;
}

export interface CloudFormationTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Conditions?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
}

/** One thing wrong with a template: a stable code, the resource (or area) it is about, and why. */
export interface Problem {
  readonly code: string;
  readonly where: string;
  readonly message: string;
}

/** Builds a Problem. */
export const problem = (code: string, where: string, message: string): Problem => ({ code, where, message });

/**
 * A stable string for a value with intrinsics, so equal references compare equal whatever their spelling:
 * `{"Fn::GetAtt": "A.Arn"}` and `{"Fn::GetAtt": ["A", "Arn"]}` give the same string, object keys are sorted.
 *
 * @example
 * canon({ 'Fn::GetAtt': 'Queue.Arn' }) === canon({ 'Fn::GetAtt': ['Queue', 'Arn'] }) // true
 */
export function canon(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const getAtt = record['Fn::GetAtt'];
  if (typeof getAtt === 'string' && Object.keys(record).length === 1) {
    const dot = getAtt.indexOf('.');
    return { 'Fn::GetAtt': [getAtt.slice(0, dot), getAtt.slice(dot + 1)] };
  }
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, normalise(record[key])]),
  );
}

/** `{ "Fn::GetAtt": [id, attribute] }`. */
export const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

/** The logical id a `Ref` or `Fn::GetAtt` points at, else undefined. */
export function refTarget(value: unknown): string | undefined {
  const normal = normalise(value) as Record<string, unknown> | null;
  if (normal === null || typeof normal !== 'object') return undefined;
  if (typeof normal.Ref === 'string') return normal.Ref;
  const target = prop(normal, 'Fn::GetAtt', '0');
  return typeof target === 'string' ? target : undefined;
}

/** The resources of one type, as [logicalId, resource] pairs. */
export function resourcesOfType(template: CloudFormationTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** Reads a nested property, `undefined` when any step is missing. */
export function prop(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A value as a list (CloudFormation and IAM accept one item or a list). */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The template CloudFormation would create: every condition evaluated (osls has already put the
 * parameters' values into them), resources and outputs whose condition is false dropped, each `Fn::If`
 * replaced by its chosen branch and `AWS::NoValue` removed. Throws if a condition cannot be evaluated.
 */
export function resolveConditions(template: CloudFormationTemplate): CloudFormationTemplate {
  const conditions = template.Conditions ?? {};
  const cache = new Map<string, boolean>();
  const evaluate = (name: string): boolean => {
    const known = cache.get(name);
    if (known !== undefined) return known;
    if (!(name in conditions)) throw new Error(`condition ${name} is not defined`);
    const result = evaluateCondition(conditions[name], evaluate);
    cache.set(name, result);
    return result;
  };
  const keep = (entry: unknown) => {
    const condition = prop(entry, 'Condition');
    return typeof condition !== 'string' || evaluate(condition);
  };
  const resources = Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([, resource]) => keep(resource))
      .map(([id, resource]) => [id, substitute(resource, evaluate) as CfnResource]),
  );
  const outputs = Object.fromEntries(
    Object.entries(template.Outputs ?? {})
      .filter(([, output]) => keep(output))
      .map(([id, output]) => [id, substitute(output, evaluate)]),
  );
  return { Resources: resources, Outputs: outputs };
}

const NO_VALUE = Symbol('AWS::NoValue');

function substitute(value: unknown, evaluate: (name: string) => boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => substitute(item, evaluate)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (record.Ref === 'AWS::NoValue') return NO_VALUE;
  const branches = record['Fn::If'];
  if (Array.isArray(branches) && branches.length === 3) {
    const [name, whenTrue, whenFalse] = branches;
    return substitute(evaluate(String(name)) ? whenTrue : whenFalse, evaluate);
  }
  const entries = Object.entries(record)
    .map(([key, item]) => [key, substitute(item, evaluate)] as const)
    .filter(([, item]) => item !== NO_VALUE);
  return Object.fromEntries(entries);
}

function evaluateCondition(expression: unknown, evaluate: (name: string) => boolean): boolean {
  const record = (expression ?? {}) as Record<string, unknown>;
  const [operator] = Object.keys(record);
  const args = asList(operator === undefined ? undefined : record[operator]);
  switch (operator) {
    case 'Fn::Equals':
      if (!args.every((arg) => typeof arg === 'string')) {
        throw new Error(`cannot evaluate ${canon(expression)}: only literal values are supported`);
      }
      return args[0] === args[1];
    case 'Fn::Not':
      return !evaluateCondition(args[0], evaluate);
    case 'Fn::And':
      return args.every((arg) => evaluateCondition(arg, evaluate));
    case 'Fn::Or':
      return args.some((arg) => evaluateCondition(arg, evaluate));
    case 'Condition':
      return evaluate(String(record.Condition));
    default:
      throw new Error(`cannot evaluate condition ${canon(expression)}`);
  }
}
