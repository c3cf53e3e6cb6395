import type { CloudEnvironment } from '@microsoft/teams.api';
import { App } from '@microsoft/teams.apps';
import { BotConnectorClient } from '../adapters/teams/bot-connector';
import { TeamsCardPublisher } from '../adapters/teams/card-publisher';
import type { CardPublisher } from '../notify/ports';
import { type ConversationReferenceStore, withKnownReference } from '../notify/teams/conversations';
import type { AlertFactSource } from '../report/ports';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { TriagePolicy } from '../triage/policy';
import type { AuditTrail } from '../triage/ports';
import type { EscalationNotifier } from '../triage/service-ports';
import { TeamsIdentityResolver } from './identity';
import { type HttpApiResult, LambdaHttpAdapter } from './lambda-adapter';
import { cardActionListener } from './listeners/card-action';
import { commandListener } from './listeners/commands';
import { installationListener } from './listeners/installation';
import { sdkLogger } from './log';

/** Everything the bot needs, built once per cold start by the handler (or by a test). */
export interface TeamsBotDeps {
  /** The bot's Entra app id: the audience every inbound token must carry. */
  readonly appId: string;
  readonly tenantId: string;
  /** Where inbound tokens' keys come from and which issuer they carry (see `teamsCloud`). */
  readonly cloud: CloudEnvironment;
  /** The bot's own tokens, for the Bot Connector calls it makes (replies, card updates, member lookups). */
  readonly tokens: { token(scope?: string): Promise<string> };
  readonly trail: AuditTrail;
  /** Alert facts for `report` (the slim report index). */
  readonly facts: AlertFactSource;
  readonly policy: TriagePolicy;
  readonly conversations: ConversationReferenceStore;
  /** Told about each escalation (the escalation SNS topic); empty when none is configured. */
  readonly escalations: readonly EscalationNotifier[];
  /**
   * Updates the alert's Slack cards after a response made in Teams (`slackCardsOnFirstUse`); absent on a
   * Teams-only deployment (no `SLACK_BOT_TOKEN_PARAM`): Slack cards are then left as they are.
   */
  readonly slackCards?: CardPublisher | undefined;
  /** The Bot Connector for cards in conversations with no stored reference. */
  readonly defaultServiceUrl: string;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The bot, ready to answer API Gateway events. */
export interface TeamsBot {
  readonly app: App;
  handle(event: unknown): Promise<HttpApiResult>;
}

/** The route the Azure Bot's messaging endpoint points at: `https://<api>/api/messages`. */
export const TEAMS_MESSAGING_PATH = '/api/messages';

/**
 * Builds the Teams bot on the Teams SDK with our HTTP adapter: the SDK validates every request's token
 * (signature from the OpenID metadata's keys, issuer, audience = `appId`, expiry, service URL) and routes
 * the activity; the listeners do the rest. Unauthenticated mode is switched off explicitly, so the SDK's
 * `DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS` variable cannot switch it on.
 *
 * @example
 * const bot = await createTeamsBot({ appId, tenantId, cloud: teamsCloud(env), tokens, trail, facts, policy,
 *   conversations, escalations: [], defaultServiceUrl: env.TEAMS_SERVICE_URL, clock: systemClock, log });
 * const result = await bot.handle(apiGatewayEvent);
 */
export async function createTeamsBot(deps: TeamsBotDeps): Promise<TeamsBot> {
  const adapter = new LambdaHttpAdapter({ log: deps.log, acceptedIssuers: [deps.cloud.tokenIssuer] });
  const app = new App({
    clientId: deps.appId,
    tenantId: deps.tenantId,
    token: (scope) => deps.tokens.token(Array.isArray(scope) ? scope[0] : scope),
    cloud: deps.cloud,
    httpServerAdapter: adapter,
    messagingEndpoint: TEAMS_MESSAGING_PATH,
    dangerouslyAllowUnauthenticatedRequests: false,
    logger: sdkLogger(deps.log),
    activity: { mentions: { stripText: true } },
  });
  const connector = new BotConnectorClient({ tokens: { token: () => deps.tokens.token() } });
  app.on(
    'card.action',
    cardActionListener({
      ...deps,
      identities: new TeamsIdentityResolver(() => deps.clock().getTime()),
      publisherFor: (reference) =>
        new TeamsCardPublisher({
          connector,
          conversations: withKnownReference(deps.conversations, reference),
          defaultServiceUrl: deps.defaultServiceUrl,
        }),
    }),
  );
  app.on('message', commandListener(deps));
  const installed = installationListener(deps);
  app.on('install.add', installed);
  app.on('conversationUpdate', installed);
  await app.initialize();
  return { app, handle: (event) => adapter.handle(event) };
}
