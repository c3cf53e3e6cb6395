import type { NormalizedAuditEvent } from '../audit/normalized';

/**
 * The IAM principal behind an EKS request, resolved from `user.extra` (canonicalArn, arn, sessionName) AND
 * the Kubernetes username (an ARN under EKS access entries). Never from sessionName alone: it is empty for
 * IAM users, and any caller of sts:AssumeRole chooses it freely (except under IAM Identity Center).
 */
export interface IamIdentity {
  readonly kind: 'assumed-role' | 'iam-user' | 'root' | 'federated-user' | 'none';
  /** canonicalArn, else arn, else the ARN username. */
  readonly iamArn?: string;
  readonly accountId?: string;
  readonly roleName?: string;
  /** The role session name, non-empty only for assumed roles. */
  readonly sessionName?: string;
  /** The IAM user (or federated user) name, from the ARN. */
  readonly userName?: string;
  /** True for an IAM Identity Center permission-set role (`AWSReservedSSO_*`): its session name is the user. */
  readonly identityCenter: boolean;
  /** Every ARN form of the principal, for automation patterns: canonical role ARN, session ARN, username. */
  readonly arnForms: readonly string[];
}

interface ParsedArn {
  readonly accountId: string;
  readonly kind: IamIdentity['kind'];
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly userName?: string;
  /** `arn:<partition>:iam::<acct>:role/<name>` for a session ARN. */
  readonly roleArn?: string;
}

const ARN = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/;

/**
 * Parses an IAM or STS principal ARN; undefined for anything else.
 *
 * @example
 * parsePrincipalArn('arn:aws:sts::111122223333:assumed-role/Admin/alice');
 * // { accountId: '111122223333', kind: 'assumed-role', roleName: 'Admin', sessionName: 'alice', roleArn: ... }
 */
export function parsePrincipalArn(arn: string | undefined): ParsedArn | undefined {
  const match = arn ? ARN.exec(arn) : null;
  if (!match) return undefined;
  const [, partition, service, accountId = '', resource = ''] = match;
  const parts = resource.split('/');
  const type = parts[0];
  const last = parts.at(-1) ?? '';
  if (service === 'sts' && type === 'assumed-role' && parts.length >= 3) {
    const roleName = parts[1] ?? '';
    const roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
    return { accountId, kind: 'assumed-role', roleName, sessionName: parts.slice(2).join('/'), roleArn };
  }
  if (service === 'sts' && type === 'federated-user')
    return { accountId, kind: 'federated-user', userName: last };
  if (type === 'role' && parts.length >= 2) return { accountId, kind: 'assumed-role', roleName: last };
  if (type === 'user' && parts.length >= 2) return { accountId, kind: 'iam-user', userName: last };
  if (resource === 'root') return { accountId, kind: 'root' };
  return undefined;
}

/**
 * Resolves the IAM principal of an event. The session ARN (extra.arn or an ARN username) gives the session
 * name when extra.sessionName is absent or empty; the canonical ARN gives the role or user.
 *
 * @example
 * resolveIamIdentity(event).sessionName; // 'alice@example.com' for an Identity Center session
 */
export function resolveIamIdentity(event: NormalizedAuditEvent): IamIdentity {
  const { iam } = event;
  const usernameArn = event.username.startsWith('arn:') ? event.username : undefined;
  const candidates = [iam.canonicalArn, iam.arn, usernameArn].map(parsePrincipalArn);
  const principal = candidates.find((parsed) => parsed !== undefined);
  if (!principal) return { kind: 'none', identityCenter: false, arnForms: [] };
  const session = candidates.find((parsed) => parsed?.sessionName);
  const sessionName = iam.sessionName || session?.sessionName;
  const roleName = principal.roleName ?? session?.roleName;
  const iamArn = iam.canonicalArn ?? iam.arn ?? usernameArn;
  const roleArns = candidates.map((parsed) => parsed?.roleArn);
  const arnForms = unique([iam.canonicalArn, iam.arn, usernameArn, ...roleArns]);
  return {
    kind: principal.kind,
    ...(iamArn ? { iamArn } : {}),
    accountId: principal.accountId,
    ...(roleName ? { roleName } : {}),
    ...(principal.kind === 'assumed-role' && sessionName ? { sessionName } : {}),
    ...(principal.userName ? { userName: principal.userName } : {}),
    identityCenter: roleName?.startsWith('AWSReservedSSO_') ?? false,
    arnForms,
  };
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}
