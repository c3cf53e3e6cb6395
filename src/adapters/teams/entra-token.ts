import { EksAuditError } from '../../shared/errors';
import * as z from '../../shared/zod';

/** The bot's Entra app registration: what it needs to ask Entra for a token. */
export interface EntraAppCredentials {
  /** The bot's app (client) id. */
  readonly appId: string;
  /** The client secret; never logged. */
  readonly appPassword: string;
  /** The tenant the app is registered in (single-tenant bots). */
  readonly tenantId: string;
}

export interface EntraTokenSourceOptions {
  readonly credentials: EntraAppCredentials;
  /** `https://login.microsoftonline.com` in Azure's public cloud; a local server in tests. */
  readonly loginEndpoint: string;
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch; injected so tests pin expiry. */
  readonly nowMs: () => number;
}

/** Entra's answer to a client-credentials request (RFC 6749 §5.1). */
const TokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.coerce.number().check(z.int()).check(z.positive()),
});

/** The scope of Bot Connector tokens (Bot Framework, public cloud). */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** Tokens are renewed this long before they expire, so a request never leaves with one about to lapse. */
const RENEW_MARGIN_MS = 5 * 60_000;

/** Entra refused or did not answer; `status` is the HTTP status when there was one. */
export class EntraTokenError extends EksAuditError {
  override readonly name = 'EntraTokenError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super('TEAMS_TOKEN_FAILED', message, options);
  }
}

/**
 * App-only tokens from Entra's v2.0 token endpoint (`{loginEndpoint}/{tenant}/oauth2/v2.0/token`, client
 * credentials grant), cached per scope until shortly before they expire. The bot (as the Teams SDK's `token`
 * provider) and the card publisher share it, so a warm Lambda asks Entra once an hour, not once a message.
 *
 * @example
 * const tokens = new EntraTokenSource({ credentials, loginEndpoint: 'https://login.microsoftonline.com',
 *   nowMs: Date.now });
 * const bearer = await tokens.token(BOT_FRAMEWORK_SCOPE);
 */
export class EntraTokenSource {
  private readonly cache = new Map<string, { token: string; renewAtMs: number }>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly options: EntraTokenSourceOptions) {}

  /** A bearer token for `scope`, from the cache when still fresh. */
  async token(scope: string = BOT_FRAMEWORK_SCOPE): Promise<string> {
    const cached = this.cache.get(scope);
    if (cached && this.options.nowMs() < cached.renewAtMs) return cached.token;
    // Concurrent callers share one request instead of each asking Entra.
    const pending =
      this.inFlight.get(scope) ?? this.request(scope).finally(() => this.inFlight.delete(scope));
    this.inFlight.set(scope, pending);
    return pending;
  }

  private async request(scope: string): Promise<string> {
    const { credentials, loginEndpoint } = this.options;
    const url = `${loginEndpoint.replace(/\/+$/, '')}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.appId,
      client_secret: credentials.appPassword,
      scope,
    });
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, { method: 'POST', body });
    } catch (error) {
      throw new EntraTokenError(`Entra token endpoint ${url} did not answer`, undefined, { cause: error });
    }
    const text = await response.text();
    if (!response.ok) {
      // Entra's error body names the problem (AADSTS7000215: invalid client secret) and holds no secret.
      throw new EntraTokenError(
        `Entra refused a token (HTTP ${response.status}): ${errorCode(text)}`,
        response.status,
      );
    }
    const parsed = TokenResponseSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new EntraTokenError('Entra token response has no access_token/expires_in');
    const renewAtMs = this.options.nowMs() + parsed.data.expires_in * 1000 - RENEW_MARGIN_MS;
    this.cache.set(scope, { token: parsed.data.access_token, renewAtMs });
    return parsed.data.access_token;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `invalid_client: AADSTS7000215 ...` cut to one line, or the HTTP body's start. */
function errorCode(text: string): string {
  const parsed = z
    .object({ error: z.string(), error_description: z.optional(z.string()) })
    .safeParse(safeJson(text));
  const line = parsed.success ? `${parsed.data.error}: ${parsed.data.error_description ?? ''}` : text;
  return line.split(/\r?\n/)[0]?.slice(0, 200) ?? '';
}
