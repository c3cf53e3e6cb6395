import type { HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import type { Logger } from '../shared/logger';
import * as z from '../shared/zod';

/** The parts of an API Gateway HTTP API (payload format 2.0) event the bot reads. */
export const HttpApiEventSchema = z.object({
  rawPath: z.string(),
  headers: z._default(z.record(z.string(), z.string()), {}),
  body: z.optional(z.string()),
  isBase64Encoded: z._default(z.boolean(), false),
  requestContext: z.object({ http: z.object({ method: z.string() }) }),
});
export type HttpApiEvent = z.input<typeof HttpApiEventSchema>;

/** What API Gateway sends back to the caller. */
export interface HttpApiResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LambdaHttpAdapterOptions {
  readonly log: Logger;
  /**
   * The issuers whose tokens may reach the SDK. The SDK also accepts Entra-issued tokens (for Agent 365
   * identities); this bot is a classic Bot Framework bot, so anything else is turned away before verification.
   */
  readonly acceptedIssuers: readonly string[];
}

/**
 * The Teams SDK's HTTP seam for AWS Lambda: instead of starting Express, the SDK registers its messaging route
 * here and `handle` feeds it API Gateway events. Token validation, routing and invoke responses stay the
 * SDK's; this only translates the transport (as bolt-js's `AwsLambdaReceiver` does for Slack).
 *
 * @example
 * const adapter = new LambdaHttpAdapter({ log, acceptedIssuers: ['https://api.botframework.com'] });
 * const app = new App({ httpServerAdapter: adapter, ... });
 * await app.initialize();
 * export const handler = (event) => adapter.handle(event);
 */
export class LambdaHttpAdapter implements IHttpServerAdapter {
  private readonly routes = new Map<string, HttpRouteHandler>();

  constructor(private readonly options: LambdaHttpAdapterOptions) {}

  registerRoute(method: 'POST', path: string, handler: HttpRouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  /** Answers one API Gateway event. */
  async handle(event: unknown): Promise<HttpApiResult> {
    const parsed = HttpApiEventSchema.safeParse(event);
    if (!parsed.success) {
      this.options.log.warn('teams request is not an HTTP API event', {
        problem: parsed.error.issues[0]?.message,
      });
      return reply(400, { error: 'not an API Gateway HTTP API event' });
    }
    const { rawPath, headers, requestContext } = parsed.data;
    const route = this.routes.get(`${requestContext.http.method.toUpperCase()} ${rawPath}`);
    if (!route) return reply(404, { error: 'not found' });
    const body = parseBody(parsed.data.body, parsed.data.isBase64Encoded);
    if (body === undefined) return reply(400, { error: 'body is not JSON' });
    const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const issuer = unverifiedIssuer(lowerHeaders.authorization);
    if (issuer !== undefined && !this.options.acceptedIssuers.includes(issuer)) {
      this.options.log.warn('teams request rejected', {
        reason: 'issuer not accepted',
        issuer: issuer.slice(0, 100),
      });
      return reply(401, { error: 'JWT validation failed' });
    }
    const response = await route({ body, headers: lowerHeaders });
    if (response.status === 401) this.options.log.warn('teams request rejected', { reason: 'token' });
    return reply(response.status, response.body);
  }
}

function reply(statusCode: number, body: unknown): HttpApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

function parseBody(body: string | undefined, base64: boolean): unknown {
  try {
    return JSON.parse(base64 ? Buffer.from(body ?? '', 'base64').toString('utf8') : (body ?? ''));
  } catch {
    return undefined;
  }
}

/** The `iss` claim of a bearer token, read without verifying (the SDK verifies); undefined if unreadable. */
function unverifiedIssuer(authorization: string | undefined): string | undefined {
  const payload = authorization?.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return z.object({ iss: z.string() }).safeParse(claims).data?.iss;
  } catch {
    return undefined;
  }
}
