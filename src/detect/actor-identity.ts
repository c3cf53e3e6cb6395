import type { NormalizedAuditEvent } from '../audit/normalized';
import type { IamIdentity } from './iam-identity';
import { machineSessionName, sharedUsernames } from './known-identities';

/** How a person is named on a card, with a sentence saying how the name was found. */
export interface PersonName {
  readonly displayName: string;
  readonly email?: string;
  /** e.g. `IAM Identity Center user alice@example.com (permission set AdministratorAccess, account 1111...)`. */
  readonly description: string;
}

const EMAIL = /^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$/;

/** The last `/` or `:` separated part of a username: `sre/alice` -> `alice`, `sso:bob@x.io` -> `bob@x.io`. */
function lastSegment(username: string): string {
  return username.split(/[/:]/).at(-1) ?? username;
}

/**
 * True when an aws-auth mapped username names a person (`sre/alice`, `alice`), not a shared role name
 * (`kubernetes-admin`), a reserved name (`system:*`, `eks:*`), an ARN, or a machine session.
 */
export function namesAPerson(username: string): boolean {
  if (username === '' || username.startsWith('arn:') || /^(system|eks):/.test(username)) return false;
  if (sharedUsernames.has(username) || username.includes('{{')) return false;
  const person = lastSegment(username);
  return person !== '' && !sharedUsernames.has(person) && !machineSessionName.test(person);
}

/**
 * Names the person behind a request. Preference: an e-mail-like session name (or IAM user / username
 * holding one) > the IAM user name > the Identity Center user (session name) > an aws-auth mapped username
 * with a person in it > the role and session of an ARN username (access entries) > the username.
 *
 * @example
 * nameThePerson(event, resolveIamIdentity(event)).displayName; // 'alice@example.com'
 */
export function nameThePerson(event: NormalizedAuditEvent, iam: IamIdentity): PersonName {
  const { username } = event;
  const email = [iam.sessionName, iam.userName, username, lastSegment(username)].find(
    (v) => v && EMAIL.test(v),
  );
  const via = describeIam(iam, username);
  const withEmail = email ? { email } : {};
  if (email) return { displayName: email, ...withEmail, description: via };
  if (iam.userName) return { displayName: iam.userName, description: via };
  if (iam.identityCenter && iam.sessionName) return { displayName: iam.sessionName, description: via };
  if (namesAPerson(username)) return { displayName: username, description: via };
  if (username.startsWith('arn:') && iam.roleName) {
    const session = iam.sessionName ? `/${iam.sessionName}` : '';
    return { displayName: `${iam.roleName}${session}`, description: via };
  }
  return { displayName: username || '(no username)', description: via };
}

/** One sentence on how the identity was authenticated and mapped, for the classification text. */
function describeIam(iam: IamIdentity, username: string): string {
  const account = iam.accountId ? `, account ${iam.accountId}` : '';
  const mapped = username.startsWith('arn:')
    ? ' (EKS access entry: the username is the IAM ARN)'
    : ` as Kubernetes user ${quote(username)}`;
  switch (iam.kind) {
    case 'iam-user':
      return `IAM user ${iam.userName}${inParens(account)}${mapped}`;
    case 'federated-user':
      return `federated user ${iam.userName}${inParens(account)}${mapped}`;
    case 'root':
      return `the AWS account root user${inParens(account)}${mapped}`;
    case 'assumed-role':
      return iam.identityCenter ? identityCenterText(iam, account, mapped) : roleText(iam, account, mapped);
    default:
      if (username === '') return 'the event names no user (user.username is missing)';
      return `Kubernetes user ${quote(username)} (no IAM identity: a certificate, token or OIDC login)`;
  }
}

function identityCenterText(iam: IamIdentity, account: string, mapped: string): string {
  const permissionSet = /^AWSReservedSSO_(.+)_[0-9a-f]+$/.exec(iam.roleName ?? '')?.[1] ?? iam.roleName;
  const user = iam.sessionName
    ? `IAM Identity Center user ${iam.sessionName}`
    : 'an IAM Identity Center user';
  return `${user} (permission set ${permissionSet}${account})${mapped}`;
}

function roleText(iam: IamIdentity, account: string, mapped: string): string {
  const session = iam.sessionName ? ` session ${quote(iam.sessionName)}` : '';
  return `IAM role ${iam.roleName}${session}${inParens(account)}${mapped}`;
}

/** `, account 1111` -> ` (account 1111)`. */
function inParens(account: string): string {
  return account ? ` (${account.slice(2)})` : '';
}

function quote(text: string): string {
  return `"${text}"`;
}
