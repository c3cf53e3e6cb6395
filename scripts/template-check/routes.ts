import { type FunctionSpec, functionSpecs, type TemplateExpectations, teamsRouteKey } from './spec';
import {
  type CloudFormationTemplate,
  canon,
  getAtt,
  type Problem,
  problem,
  prop,
  refTarget,
  resourcesOfType,
} from './template';

/** A function behind API Gateway has its route, integrated with that very function. */
export function checkHttpRoute(template: CloudFormationTemplate, spec: FunctionSpec): Problem[] {
  if (spec.httpRoute === undefined) return [];
  const route = resourcesOfType(template, 'AWS::ApiGatewayV2::Route').find(
    ([, r]) => prop(r, 'Properties', 'RouteKey') === spec.httpRoute,
  );
  // osls writes the target as {"Fn::Join": ["/", ["integrations", {"Ref": <integration>}]]}.
  const integrationId = refTarget(prop(route?.[1], 'Properties', 'Target', 'Fn::Join', '1', '1'));
  const target = canon(prop(template.Resources[integrationId ?? ''], 'Properties', 'IntegrationUri'));
  if (!route || target !== canon(getAtt(spec.logicalId, 'Arn'))) {
    return [problem('HTTP_ROUTE', spec.logicalId, `no ${spec.httpRoute} route to this function`)];
  }
  return [];
}

/** With `teamsAppId`, the Teams function must be deployed; without it, nothing of it may be. */
export function checkTeamsPresence(
  template: CloudFormationTemplate,
  expected: TemplateExpectations,
): Problem[] {
  if (expected.teams === undefined) return [];
  const problems: Problem[] = [];
  for (const spec of functionSpecs.filter((s) => s.onlyWithTeams)) {
    const present = spec.logicalId in template.Resources;
    if (expected.teams && !present)
      problems.push(problem('FUNCTION_MISSING', spec.logicalId, 'no such function'));
    if (!expected.teams && present) {
      problems.push(
        problem('FUNCTION_UNEXPECTED', spec.logicalId, 'deployed although teamsAppId is not set'),
      );
    }
  }
  if (!expected.teams) {
    for (const [id, route] of resourcesOfType(template, 'AWS::ApiGatewayV2::Route')) {
      if (prop(route, 'Properties', 'RouteKey') === teamsRouteKey) {
        problems.push(
          problem('FUNCTION_UNEXPECTED', id, `${teamsRouteKey} exists although teamsAppId is not set`),
        );
      }
    }
  }
  return problems;
}
