import type { NormalizedAuditEvent } from '../audit/normalized';

/**
 * Words for what a request did, for a one-line summary: `deleted secret kube-system/db-creds`, and the
 * attempt form for a denied request: `delete secret kube-system/db-creds`. Built only from the request line
 * (verb, objectRef, URI path), never from request or response bodies.
 */
export interface ActionWords {
  /** `deleted secret kube-system/db-creds`. */
  readonly done: string;
  /** `delete secret kube-system/db-creds`, for `tried to ...`. */
  readonly attempted: string;
}

const pastTense: Readonly<Record<string, string>> = {
  create: 'created',
  update: 'updated',
  patch: 'patched',
  delete: 'deleted',
  deletecollection: 'deleted all',
  get: 'read',
  list: 'listed',
  watch: 'watched',
  impersonate: 'impersonated',
};

const presentTense: Readonly<Record<string, string>> = { deletecollection: 'delete all', get: 'read' };

/** Subresources that read better as their own verb than as `created exec of pod ...`. */
const subresourceVerbs: Readonly<Record<string, { done: string; attempted: string; prefix?: string }>> = {
  exec: { done: "exec'd into", attempted: 'exec into' },
  attach: { done: 'attached to', attempted: 'attach to' },
  portforward: { done: 'port-forwarded to', attempted: 'port-forward to' },
  proxy: { done: 'proxied to', attempted: 'proxy to' },
  log: { done: 'read logs of', attempted: 'read logs of' },
  token: { done: 'created a token for', attempted: 'create a token for' },
  eviction: { done: 'evicted', attempted: 'evict' },
};

/**
 * Describes the action of an event in words.
 *
 * @example
 * describeAction(deleteSecretEvent).done; // 'deleted secret kube-system/db-creds'
 */
export function describeAction(event: NormalizedAuditEvent): ActionWords {
  const special = event.subresource ? subresourceVerbs[event.subresource] : undefined;
  if (special) {
    const object = objectWords(event);
    return { done: `${special.done} ${object}`, attempted: `${special.attempted} ${object}` };
  }
  const done = pastTense[event.verb] ?? `ran ${event.verb || '(no verb)'} on`;
  const attempted = presentTense[event.verb] ?? event.verb ?? '';
  const sub = event.subresource ? `${event.subresource} of ` : '';
  const object = `${sub}${objectWords(event)}`;
  return { done: `${done} ${object}`, attempted: `${attempted} ${object}` };
}

/** `secret kube-system/db-creds`, `clusterrole admin`, `a pod in default`, `secrets in kube-system`, `/version`. */
export function objectWords(event: NormalizedAuditEvent): string {
  const { resource, namespace, name } = event;
  if (resource === undefined) return pathOf(event.requestUri) || '(unknown request)';
  const kind = singular(resource);
  if (name) {
    if (resource === 'namespaces' || !namespace) return `${kind} ${name}`;
    return `${kind} ${namespace}/${name}`;
  }
  if (event.verb === 'list' || event.verb === 'watch' || event.verb === 'deletecollection') {
    return namespace ? `${resource} in ${namespace}` : `${resource} cluster-wide`;
  }
  return namespace ? `${article(kind)} ${kind} in ${namespace}` : `${article(kind)} ${kind}`;
}

function pathOf(uri: string): string {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
}

/** `secrets` -> `secret`, `policies` -> `policy`, `ingresses` -> `ingress`; good enough for resource names. */
export function singular(resource: string): string {
  if (resource.endsWith('ies')) return `${resource.slice(0, -3)}y`;
  if (resource.endsWith('sses')) return resource.slice(0, -2);
  if (resource.endsWith('s') && !resource.endsWith('ss')) return resource.slice(0, -1);
  return resource;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
