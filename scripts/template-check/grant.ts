import { canon } from './template';

/**
 * One IAM grant a function needs: an action on a resource, with the conditions its statement must carry
 * (grants.ts derives a function's grants from its spec and the template's wiring).
 */
export interface Grant {
  readonly action: string;
  /** How the allowed resource reads in problem messages. */
  readonly describe: string;
  readonly matches: (resource: unknown) => boolean;
  /** Conditions the statement must carry (operator -> key -> canonical value). */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Allowed, not required (the KMS grant for a customer-managed topic key). */
  readonly optional?: boolean;
}

const sameAs =
  (expected: unknown) =>
  (resource: unknown): boolean =>
    canon(resource) === canon(expected);

export const grantsOn = (
  actions: readonly string[],
  resource: unknown,
  extra: Partial<Grant> = {},
): Grant[] =>
  actions.map((action) => ({ action, describe: canon(resource), matches: sameAs(resource), ...extra }));

/** A customer-managed key given by ARN (a parameter), never an alias or a wildcard. */
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
export const isKeyArn = (resource: unknown) => typeof resource === 'string' && KEY_ARN.test(resource);
/** Any key of this account and region: acceptable only with the SSM conditions (secret-grants.ts). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
export const accountKeys = { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' };
export const viaService = (service: string) => ({ 'Fn::Sub': `${service}.\${AWS::Region}.amazonaws.com` });

/** The SSM parameter ARN for a parameter name that starts with `/`. */
export const ssmParameterArn = (name: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}`,
});
