/**
 * Reads pod specs out of an audit event's `requestObject`: a Pod, a workload's pod template (Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, ReplicationController) or a CronJob's job template. Only these
 * predicates read request bodies, and their reasons name what was found in fixed words, never a value taken
 * from the body (no container names, no paths): a finding never carries request-body content.
 */

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj).filter((v): v is Json => v !== undefined) : [];
}

function at(root: unknown, ...path: string[]): Json | undefined {
  let cur: Json | undefined = obj(root);
  for (const key of path) cur = obj(cur?.[key]);
  return cur;
}

/** Every pod spec in the request body, wherever the kind keeps it. */
export function podSpecsOf(requestObject: unknown): Json[] {
  const candidates = [
    at(requestObject, 'spec'),
    at(requestObject, 'spec', 'template', 'spec'),
    at(requestObject, 'spec', 'jobTemplate', 'spec', 'template', 'spec'),
  ];
  return candidates.filter((s): s is Json => s !== undefined && ('containers' in s || 'volumes' in s));
}

function containersOf(spec: Json): Json[] {
  return [...list(spec.containers), ...list(spec.initContainers), ...list(spec.ephemeralContainers)];
}

/**
 * The first privileged container of the request body, as a reason, or `undefined`.
 *
 * @example
 * privilegedContainer({ spec: { containers: [{ name: 'x', securityContext: { privileged: true } }] } })
 * // 'pod spec has a privileged container'
 */
export function privilegedContainer(requestObject: unknown): string | undefined {
  for (const spec of podSpecsOf(requestObject)) {
    for (const c of containersOf(spec)) {
      if (obj(c.securityContext)?.privileged === true) return 'pod spec has a privileged container';
    }
  }
  return undefined;
}

/** The first hostPath volume of the request body, as a reason, or `undefined`. */
export function hostPathVolume(requestObject: unknown): string | undefined {
  for (const spec of podSpecsOf(requestObject)) {
    for (const v of list(spec.volumes)) if (obj(v.hostPath)) return 'pod spec mounts a hostPath volume';
  }
  return undefined;
}

/** The role a (Cluster)RoleBinding refers to, from the request body, else from the response body. */
export function boundRoleName(requestObject: unknown, responseObject: unknown): string | undefined {
  for (const body of [requestObject, responseObject]) {
    const name = at(body, 'roleRef')?.name;
    if (typeof name === 'string') return name;
  }
  return undefined;
}
