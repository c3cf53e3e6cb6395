import type { NormalizedAuditEvent } from '../audit/normalized';
import type { ActorType, FindingActor } from '../finding/schema';
import {
  type ActorConfig,
  type CompiledActorConfig,
  compiledActorConfig,
  defaultActorConfig,
} from './actor-config';
import { nameThePerson } from './actor-identity';
import { type IamIdentity, resolveIamIdentity } from './iam-identity';
import {
  automationUserAgentHints,
  controllerServiceAccounts,
  controlPlaneUsernames,
  knownAutomationNamespaces,
} from './known-identities';

/** A verdict before the person's name is attached: the type and why. */
interface Verdict {
  readonly type: ActorType;
  readonly why: string;
}

const SERVICE_ACCOUNT = 'system:serviceaccount:';
const KUBE_SYSTEM_SERVICE_ACCOUNT = `${SERVICE_ACCOUNT}kube-system:`;

/**
 * Classifies who made a request and explains why, in this order:
 * 1. anonymous: `system:anonymous` or the `system:unauthenticated` group;
 * 2. human, when a `human` override of the config matches (username or IAM ARN);
 * 3. system: nodes (`system:node:*`, group `system:nodes`), control-plane components, `eks:*` identities,
 *    the kube-controller-manager's controller service accounts;
 * 4. automation: any other service account, and identities the config lists (usernames, IAM ARNs, groups);
 * 5. human otherwise, with the person behind IAM resolved (Identity Center session, IAM user, aws-auth
 *    mapping, access entry).
 * User agents never decide: they can be forged. They only appear as a hint in a person's explanation.
 *
 * @example
 * classifyActor(normalizeAuditEvent(event), defaultActorConfig);
 * // { type: 'human', displayName: 'alice@example.com', classification: 'person: IAM Identity Center user ...' }
 */
export function classifyActor(
  event: NormalizedAuditEvent,
  config: ActorConfig = defaultActorConfig,
): FindingActor {
  const compiled = compiledActorConfig(config);
  const iam = resolveIamIdentity(event);
  const verdict =
    anonymous(event) ??
    humanOverride(event, iam, compiled) ??
    system(event, iam) ??
    automation(event, iam, compiled);
  if (verdict && verdict.type !== 'human') {
    return actorOf(event, iam, verdict.type, event.username || '(no username)', verdict.why);
  }
  // Naming the person is the costly part; only people need it.
  const person = nameThePerson(event, iam);
  const why = `person: ${verdict ? `${verdict.why}; ` : ''}${person.description}${userAgentHint(event.userAgent)}`;
  return actorOf(event, iam, 'human', person.displayName, why, person.email);
}

function actorOf(
  event: NormalizedAuditEvent,
  iam: IamIdentity,
  type: ActorType,
  displayName: string,
  classification: string,
  email?: string,
): FindingActor {
  // Keys in the schema's order, so findings serialise the same whatever the path.
  return {
    type,
    displayName,
    username: event.username,
    groups: [...event.groups],
    ...(iam.iamArn ? { iamArn: iam.iamArn } : {}),
    ...(iam.sessionName ? { sessionName: iam.sessionName } : {}),
    ...(email ? { email } : {}),
    classification,
  };
}

function anonymous(event: NormalizedAuditEvent): Verdict | undefined {
  // `system:unauthenticated` is a group; some exports put it in the username, which means the same.
  if (event.username === 'system:anonymous' || event.username === 'system:unauthenticated') {
    return { type: 'anonymous', why: `anonymous: username ${event.username}` };
  }
  if (event.groups.includes('system:unauthenticated')) {
    return { type: 'anonymous', why: 'anonymous: member of group system:unauthenticated' };
  }
  return undefined;
}

function humanOverride(
  event: NormalizedAuditEvent,
  iam: IamIdentity,
  config: CompiledActorConfig,
): Verdict | undefined {
  const byName = config.humanUsernames([event.username]);
  if (byName) return { type: 'human', why: `username matches human override "${byName}"` };
  const byArn = config.humanIamArns(iam.arnForms);
  if (byArn) return { type: 'human', why: `IAM principal matches human override "${byArn}"` };
  return undefined;
}

function system(event: NormalizedAuditEvent, iam: IamIdentity): Verdict | undefined {
  const { username } = event;
  if (username.startsWith('system:node:') || event.groups.includes('system:nodes')) {
    return { type: 'system', why: `system: node identity ${username} (kubelet)` };
  }
  if (username.startsWith('eks:')) return { type: 'system', why: `system: EKS-managed identity ${username}` };
  if (controlPlaneUsernames.has(username)) {
    // These components use certificates; the name coming through IAM means aws-auth mapped someone to it.
    if (iam.iamArn)
      return { type: 'human', why: `IAM principal mapped to the control-plane name ${username}` };
    return { type: 'system', why: `system: control-plane component ${username}` };
  }
  const controller = username.startsWith(KUBE_SYSTEM_SERVICE_ACCOUNT)
    ? username.slice(KUBE_SYSTEM_SERVICE_ACCOUNT.length)
    : undefined;
  if (controller && controllerServiceAccounts.has(controller)) {
    return {
      type: 'system',
      why: `system: kube-controller-manager controller ${controller} (service account)`,
    };
  }
  return undefined;
}

function automation(
  event: NormalizedAuditEvent,
  iam: IamIdentity,
  config: CompiledActorConfig,
): Verdict | undefined {
  const { username } = event;
  if (username.startsWith(SERVICE_ACCOUNT)) {
    return {
      type: 'automation',
      why: `automation: Kubernetes service account ${username}${knownTool(username)}${kubectlHint(event.userAgent)}`,
    };
  }
  const byName = config.automationUsernames([username]);
  if (byName)
    return { type: 'automation', why: `automation: username matches automation pattern "${byName}"` };
  const byArn = config.automationIamArns(iam.arnForms);
  if (byArn) {
    return {
      type: 'automation',
      why: `automation: IAM principal ${iam.iamArn} matches automation pattern "${byArn}"`,
    };
  }
  const byGroup = config.automationGroups(event.groups);
  if (byGroup)
    return {
      type: 'automation',
      why: `automation: member of a group matching automation pattern "${byGroup}"`,
    };
  return undefined;
}

function knownTool(serviceAccount: string): string {
  const namespace = serviceAccount.slice(SERVICE_ACCOUNT.length).split(':')[0] ?? '';
  const tool = knownAutomationNamespaces.find(([prefix]) => namespace.startsWith(prefix));
  return tool ? ` (${tool[1]})` : '';
}

function userAgentHint(userAgent: string | undefined): string {
  if (!userAgent || !automationUserAgentHints.some((hint) => hint.test(userAgent))) return '';
  const tool = userAgent.split(/[\s/]/)[0];
  return `; user agent "${tool}" suggests a tool, but user agents can be forged: list the identity under automation in the actor config if it is one`;
}

/** A service account token used from kubectl is often a person; said as a hint only (user agents can be forged). */
function kubectlHint(userAgent: string | undefined): string {
  if (!userAgent?.startsWith('kubectl/')) return '';
  return "; its user agent is kubectl, so a person may be using the service account's token (user agents can be forged)";
}
