import { type Answer, type LocalServer, type RecordedRequest, startLocalServer } from './http';

/** An activity the bot posted or replaced, as the connector received it. */
export interface ConnectorCall {
  readonly kind: 'create' | 'update';
  readonly conversationId: string;
  /** For updates: the activity replaced. For creates: the id the connector gave the new activity. */
  readonly activityId: string;
  readonly activity: Record<string, unknown>;
  readonly authorization: string | undefined;
}

/** A conversation member, as `GET /v3/conversations/{id}/members/{userId}` answers. */
export interface ConnectorMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
}

/**
 * Stands in for the Bot Connector service (Teams' `serviceUrl`) in tests: records every activity the bot
 * posts or replaces, answers member lookups from a table, refuses calls without a token the identity server
 * issued (as the real service does), and can fail the next calls (429 with Retry-After, 503...).
 */
export interface ConnectorServer {
  readonly server: LocalServer;
  /** The `serviceUrl` to put in activities and conversation references. */
  readonly serviceUrl: string;
  readonly calls: ConnectorCall[];
  readonly members: Map<string, ConnectorMember>;
  /** The next calls (any kind) get these answers instead, in order. */
  failNext(...answers: Answer[]): void;
  /** The next call with this HTTP method gets `answer` instead (other calls are served as usual). */
  failNextOf(method: 'GET' | 'POST' | 'PUT', answer: Answer): void;
  close(): Promise<void>;
}

/**
 * Starts the connector. `acceptsToken` says which bearer tokens are valid (the identity server's).
 *
 * @example
 * const connector = await startConnectorServer((t) => identity.issuedTokens.includes(t));
 */
export async function startConnectorServer(
  acceptsToken: (token: string) => boolean,
): Promise<ConnectorServer> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, ConnectorMember>();
  const failures: Answer[] = [];
  const methodFailures: { method: string; answer: Answer }[] = [];
  const server = await startLocalServer((request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !acceptsToken(token))
      return { status: 401, body: { message: 'Authorization has been denied' } };
    const failure = failures.shift();
    if (failure) return failure;
    const byMethod = methodFailures.findIndex((f) => f.method === request.method);
    if (byMethod >= 0) return methodFailures.splice(byMethod, 1)[0]?.answer;
    return route(request, calls, members);
  });
  return {
    server,
    serviceUrl: `${server.url}/teams/`,
    calls,
    members,
    failNext: (...answers) => failures.push(...answers),
    failNextOf: (method, answer) => methodFailures.push({ method, answer }),
    close: () => server.close(),
  };
}

function route(
  request: RecordedRequest,
  calls: ConnectorCall[],
  members: Map<string, ConnectorMember>,
): Answer | undefined {
  const match = /^\/teams\/v3\/conversations\/([^/]+)\/(activities|members)(?:\/([^/?]+))?/.exec(
    request.path,
  );
  if (!match) return undefined;
  const conversationId = decodeURIComponent(match[1] ?? '');
  const id = match[3] ? decodeURIComponent(match[3]) : undefined;
  if (match[2] === 'members' && request.method === 'GET' && id) {
    const member = members.get(id);
    return member
      ? { status: 200, body: member }
      : { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } };
  }
  if (match[2] !== 'activities') return undefined;
  const activity = JSON.parse(request.body) as Record<string, unknown>;
  const authorization = request.headers.authorization;
  if (request.method === 'POST' && !id) {
    const activityId = `activity-${calls.filter((c) => c.kind === 'create').length + 1}`;
    calls.push({ kind: 'create', conversationId, activityId, activity, authorization });
    return { status: 201, body: { id: activityId } };
  }
  if (request.method === 'PUT' && id) {
    calls.push({ kind: 'update', conversationId, activityId: id, activity, authorization });
    return { status: 200, body: { id } };
  }
  return undefined;
}

/** The first attachment of a recorded activity (the card), or undefined. */
export function attachmentOf(
  call: ConnectorCall | undefined,
): { contentType: string; content: unknown } | undefined {
  const attachments = (call?.activity.attachments ?? []) as { contentType: string; content: unknown }[];
  return attachments[0];
}
