import { checkIam } from './iam';
import { checkAlarms, checkEncryption, checkFunctions, checkSecrets, checkTable } from './resources';
import type { TemplateExpectations } from './spec';
import { type CloudFormationTemplate, type Problem, problem, resolveConditions } from './template';
import { checkWiring } from './wiring';

export type { TemplateExpectations } from './spec';
export type { CloudFormationTemplate, Problem } from './template';

/**
 * Everything the deployment promises, checked on the CloudFormation template osls packaged: least-privilege
 * IAM per function, the subscription filters, the notifier's subscription, a dead-letter queue on every
 * asynchronous path, the table's recovery/protection/TTL, the alarms, encryption, no secrets, the runtime.
 * Conditions are evaluated first, so the template is checked as CloudFormation would create it for the
 * parameters it was packaged with. Pure: an empty list means the template keeps every promise.
 *
 * @example
 * const problems = checkTemplate(template, { filterPattern: '', logGroups: ['/aws/eks/prod/cluster'] });
 * for (const p of problems) console.log(`${p.code} ${p.where}: ${p.message}`);
 */
export function checkTemplate(template: CloudFormationTemplate, expected: TemplateExpectations): Problem[] {
  let resolved: CloudFormationTemplate;
  try {
    resolved = resolveConditions(template);
  } catch (error) {
    return [problem('CONDITIONS', 'Conditions', (error as Error).message)];
  }
  return [
    ...checkReferences(resolved),
    ...checkFunctions(resolved),
    ...checkIam(resolved),
    ...checkWiring(resolved, expected),
    ...checkTable(resolved),
    ...checkAlarms(resolved, expected),
    ...checkEncryption(resolved),
    ...checkSecrets(resolved),
  ];
}

/** Every `Ref`, `Fn::GetAtt` and `${X}` of `Fn::Sub` names a resource that exists (or a pseudo parameter). */
export function checkReferences(template: CloudFormationTemplate): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, where);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const target of referencedIds(value as Record<string, unknown>)) {
      if (!target.startsWith('AWS::') && !(target in template.Resources)) {
        problems.push(problem('DANGLING_REF', where, `refers to ${target}, which is not in the template`));
      }
    }
    for (const item of Object.values(value)) visit(item, where);
  };
  for (const [id, resource] of Object.entries(template.Resources)) visit(resource, id);
  for (const [id, output] of Object.entries(template.Outputs ?? {})) visit(output, `Outputs.${id}`);
  return problems;
}

function referencedIds(record: Record<string, unknown>): string[] {
  if (typeof record.Ref === 'string') return [record.Ref];
  const att = record['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return [att[0]];
  if (typeof att === 'string') return [att.split('.')[0] ?? att];
  const sub = record['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text !== 'string') return [];
  const variables =
    Array.isArray(sub) && typeof sub[1] === 'object' && sub[1] !== null ? Object.keys(sub[1]) : [];
  return [...text.matchAll(/\$\{([^}!]+)\}/g)]
    .map((m) => (m[1] ?? '').split('.')[0] ?? '')
    .filter((name) => !variables.includes(name));
}
