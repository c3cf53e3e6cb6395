import { expectedGrants, type Grant } from './grants';
import { type FunctionSpec, specsIn } from './spec';
import {
  asList,
  type CloudFormationTemplate,
  canon,
  type Problem,
  problem,
  prop,
  refTarget,
  resourcesOfType,
} from './template';

/**
 * Least privilege, checked: each function has its own role; each role allows exactly the grants its function
 * needs (`expectedGrants`) and nothing else: no wildcard action, no `*` resource, no managed policy, no
 * `NotAction`/`NotResource`, no policy attached from elsewhere; and lacks none of them.
 *
 * @example
 * checkIam(resolveConditions(template)) // => [] for the template serverless.yml packages
 */
export function checkIam(template: CloudFormationTemplate): Problem[] {
  const problems: Problem[] = [];
  const roleUsers = new Map<string, string[]>();
  for (const spec of specsIn(template)) {
    const roleId = refTarget(prop(template.Resources[spec.logicalId], 'Properties', 'Role'));
    if (typeof roleId !== 'string' || template.Resources[roleId]?.Type !== 'AWS::IAM::Role') {
      problems.push(
        problem('IAM_ROLE', spec.logicalId, 'the function has no role of its own in this template'),
      );
      continue;
    }
    roleUsers.set(roleId, [...(roleUsers.get(roleId) ?? []), spec.logicalId]);
    problems.push(...checkRole(template, roleId, spec));
  }
  for (const [roleId, users] of roleUsers) {
    if (users.length > 1) problems.push(problem('IAM_SHARED_ROLE', roleId, `shared by ${users.join(', ')}`));
  }
  for (const [id] of resourcesOfType(template, 'AWS::IAM::Role')) {
    if (!roleUsers.has(id))
      problems.push(problem('IAM_EXTRA_ROLE', id, 'a role no function of the spec uses'));
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy']) {
    for (const [id] of resourcesOfType(template, type)) {
      problems.push(
        problem('IAM_EXTRA_POLICY', id, `${type}: permissions must live in each function's role`),
      );
    }
  }
  return problems;
}

function checkRole(template: CloudFormationTemplate, roleId: string, spec: FunctionSpec): Problem[] {
  const role = template.Resources[roleId];
  const { grants, problems } = expectedGrants(template, spec);
  if (prop(role, 'Properties', 'ManagedPolicyArns') !== undefined) {
    problems.push(
      problem('IAM_MANAGED_POLICY', roleId, 'managed policies grant more than the function needs'),
    );
  }
  const trust = asList(prop(role, 'Properties', 'AssumeRolePolicyDocument', 'Statement'));
  const principals = trust.flatMap((statement) => asList(prop(statement, 'Principal', 'Service')));
  if (trust.length !== 1 || canon(principals) !== canon(['lambda.amazonaws.com'])) {
    problems.push(problem('IAM_TRUST', roleId, 'only lambda.amazonaws.com may assume a function role'));
  }
  const used = new Set<Grant>();
  const policies = asList(prop(role, 'Properties', 'Policies'));
  for (const statement of policies.flatMap((policy) => asList(prop(policy, 'PolicyDocument', 'Statement')))) {
    problems.push(...checkStatement(roleId, spec, statement, grants, used));
  }
  for (const grant of grants) {
    if (!grant.optional && !used.has(grant)) {
      problems.push(
        problem(
          'IAM_MISSING',
          roleId,
          `lacks ${grant.action} on ${grant.describe}: ${spec.logicalId} would fail`,
        ),
      );
    }
  }
  return problems;
}

function checkStatement(
  roleId: string,
  spec: FunctionSpec,
  statement: unknown,
  grants: readonly Grant[],
  used: Set<Grant>,
): Problem[] {
  const sid = String(prop(statement, 'Sid') ?? '(no Sid)');
  const where = `${roleId} ${sid}`;
  if (prop(statement, 'Effect') === 'Deny') return [];
  for (const key of ['NotAction', 'NotResource', 'NotPrincipal']) {
    if (prop(statement, key) !== undefined)
      return [problem('IAM_NOT', where, `${key} allows everything else`)];
  }
  const problems: Problem[] = [];
  const condition = prop(statement, 'Condition');
  for (const action of asList(prop(statement, 'Action')).map(String)) {
    if (action.includes('*')) problems.push(problem('IAM_WILDCARD_ACTION', where, `allows "${action}"`));
    for (const resource of asList(prop(statement, 'Resource'))) {
      if (resource === '*') problems.push(problem('IAM_WILDCARD_RESOURCE', where, `allows ${action} on "*"`));
      const grant = grants.find(
        (g) => g.action === action && g.matches(resource) && conditionsHold(g.conditions, condition),
      );
      if (grant) used.add(grant);
      else
        problems.push(
          problem(
            'IAM_NOT_NEEDED',
            where,
            `allows ${action} on ${canon(resource)}${condition ? ` (if ${canon(condition)})` : ''}: ` +
              `${spec.logicalId} needs no such permission`,
          ),
        );
    }
  }
  return problems;
}

/** True when `actual` carries every required condition with the same value (lists compared as sets). */
function conditionsHold(required: Grant['conditions'], actual: unknown): boolean {
  for (const [operator, keys] of Object.entries(required ?? {})) {
    for (const [key, value] of Object.entries(keys)) {
      if (asSet(prop(actual, operator, key)) !== asSet(value)) return false;
    }
  }
  return true;
}

const asSet = (value: unknown) =>
  value === undefined ? 'undefined' : JSON.stringify(asList(value).map(canon).sort());
