import { EksAuditError } from '../../shared/errors';
import * as z from '../../shared/zod';

/** Supplies Bot Connector bearer tokens (`EntraTokenSource` in production). */
export interface BotTokenProvider {
  token(): Promise<string>;
}

export interface BotConnectorClientOptions {
  readonly tokens: BotTokenProvider;
  readonly fetch?: typeof fetch;
  /** Attempts per call when the service answers 429 or 502/503/504; default 3. */
  readonly maxAttempts?: number;
  /** Waits between attempts; injected so tests do not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Longest Retry-After waited out before giving up instead; default 10 s. */
  readonly maxRetryAfterMs?: number;
  /** Each attempt is abandoned after this long (a person is waiting); default: no limit of our own. */
  readonly attemptTimeoutMs?: number;
}

/** The Bot Connector service refused a call; `status` is its HTTP status. */
export class BotConnectorError extends EksAuditError {
  override readonly name = 'BotConnectorError';
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super('TEAMS_CONNECTOR_FAILED', message, options);
  }
}

const ResourceResponseSchema = z.object({ id: z.string().check(z.minLength(1)) });

/** Longest wait a Retry-After header can ask for before we give up instead (a Lambda has little time). */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * The two Bot Connector REST calls the notifier needs (https://learn.microsoft.com/azure/bot-service/rest-api/
 * bot-framework-rest-connector-api-reference): post an activity into a conversation, and replace one.
 * `serviceUrl` comes from the conversation reference, so tests point it at a local server.
 *
 * Retries only what did not happen: 429 (throttled, honouring Retry-After) and 502/503/504 (not reached);
 * a 500 may have posted, so it is not retried, to never post a card twice.
 *
 * @example
 * const connector = new BotConnectorClient({ tokens });
 * const { id } = await connector.createActivity('https://smba.trafficmanager.net/emea/', '19:abc@thread.tacv2',
 *   teamsCardActivity(alert));
 */
export class BotConnectorClient {
  private readonly maxAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: BotConnectorClientOptions) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** `POST {serviceUrl}/v3/conversations/{conversationId}/activities`; returns the new activity's id. */
  async createActivity(
    serviceUrl: string,
    conversationId: string,
    activity: object,
  ): Promise<{ id: string }> {
    const text = await this.call('POST', activitiesUrl(serviceUrl, conversationId), activity);
    const parsed = ResourceResponseSchema.safeParse(safeJson(text));
    if (!parsed.success)
      throw new BotConnectorError('Bot Connector answered a post without an activity id', 200);
    return parsed.data;
  }

  /** `PUT {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}`: replaces a posted message. */
  async updateActivity(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: object,
  ): Promise<void> {
    const url = `${activitiesUrl(serviceUrl, conversationId)}/${encodeURIComponent(activityId)}`;
    await this.call('PUT', url, { ...activity, id: activityId });
  }

  private async call(method: 'POST' | 'PUT', url: string, body: object): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.send(method, url, body);
      const text = await response.text();
      if (response.ok) return text;
      const wait = retryDelay(response, attempt, this.maxRetryAfterMs);
      if (attempt >= this.maxAttempts || wait === undefined) {
        throw new BotConnectorError(
          `Bot Connector ${method} ${url} failed: HTTP ${response.status}`,
          response.status,
        );
      }
      await this.sleep(wait);
    }
  }

  private async send(method: string, url: string, body: object): Promise<Response> {
    const token = await this.options.tokens.token();
    try {
      return await (this.options.fetch ?? fetch)(url, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        ...(this.options.attemptTimeoutMs
          ? { signal: AbortSignal.timeout(this.options.attemptTimeoutMs) }
          : {}),
      });
    } catch (error) {
      throw new BotConnectorError(`Bot Connector ${method} ${url} did not answer`, undefined, {
        cause: error,
      });
    }
  }
}

function activitiesUrl(serviceUrl: string, conversationId: string): string {
  return `${serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
}

/** Milliseconds to wait before retrying, or undefined when the failure is not worth retrying. */
function retryDelay(response: Response, attempt: number, maxRetryAfterMs: number): number | undefined {
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    const ms = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000 * attempt;
    return ms <= maxRetryAfterMs ? ms : undefined;
  }
  if ([502, 503, 504].includes(response.status)) return 500 * 2 ** (attempt - 1);
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
