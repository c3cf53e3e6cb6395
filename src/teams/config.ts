import { type CloudEnvironment, PUBLIC, withOverrides } from '@microsoft/teams.api';
import { csvList } from '../config/env';
import * as z from '../shared/zod';

/**
 * The Teams function's environment, validated at cold start (`parseEnv(TeamsEnvSchema, process.env, 'teams')`).
 * The client secret is never here: only the name of the SSM parameter that holds it.
 *
 * The four endpoint settings default to Azure's public cloud; tests (and sovereign clouds) point them elsewhere.
 */
const guid = z
  .string()
  .check(z.trim())
  .check(
    z.regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      'must be a GUID (the Entra app or tenant id)',
    ),
  );

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** Settings the bot and the card publisher share: who the bot is and where Microsoft's services are. */
export const TeamsConnectionEnv = {
  /** The bot's Entra app (client) id, which is also the Azure Bot's "Microsoft App ID". */
  TEAMS_APP_ID: guid,
  /** The Entra tenant the app is registered in (single-tenant bot). */
  TEAMS_TENANT_ID: guid,
  /** SSM SecureString holding the app's client secret. */
  TEAMS_APP_PASSWORD_PARAM: z
    .string()
    .check(z.startsWith('/', 'must be an SSM parameter name starting with /')),
  /** Entra, for the bot's own tokens: `{this}/{tenant}/oauth2/v2.0/token`. */
  TEAMS_LOGIN_ENDPOINT: z._default(httpUrl, PUBLIC.loginEndpoint),
  /** The Bot Connector for conversations with no stored reference (reaches every region). */
  TEAMS_SERVICE_URL: z._default(httpUrl, 'https://smba.trafficmanager.net/teams/'),
};

/** The Teams function: `adaptiveCard/action` clicks, `eks-audit` commands and installations. */
export const TeamsEnvSchema = z.object({
  ...TeamsConnectionEnv,
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  AWS_REGION: z.optional(z.string().check(z.minLength(1))),
  TABLE_NAME: z.string().check(z.minLength(3)),
  /** Escalations from Teams are published here, as Slack's are (PagerDuty, Opsgenie, e-mail subscribe). */
  ESCALATION_TOPIC_ARN: z.optional(z.string().check(z.startsWith('arn:aws', 'must be an SNS topic ARN'))),
  RETENTION_DAYS: z._default(z.coerce.number().check(z.int()).check(z.positive()), 400),
  /**
   * Bot Framework's OpenID metadata; its signing keys are read from the sibling `/keys` document, as the
   * Teams SDK does, so the URL must end in `/openidconfiguration`.
   */
  TEAMS_OPENID_METADATA_URL: z
    ._default(httpUrl, PUBLIC.openIdMetadataUrl)
    .check(z.refine((url) => url.endsWith('/openidconfiguration'), 'must end in /openidconfiguration')),
  /** The `iss` every Bot Framework token carries. */
  TEAMS_TOKEN_ISSUER: z._default(z.string().check(z.minLength(1)), PUBLIC.tokenIssuer),
  /** Who may acknowledge: `teams:<Entra object id>` entries (and Slack ids, ignored here); empty = anyone. */
  ACK_ALLOWED: csvList,
  ESCALATE_ALLOWED: csvList,
  /**
   * SSM SecureString holding the Slack bot token (the Slack function's own parameter). Set: a response made in
   * Teams also updates the alert's Slack cards. Unset: Teams-only, no Slack call is made.
   */
  SLACK_BOT_TOKEN_PARAM: z.optional(
    z.string().check(z.startsWith('/', 'must be an SSM parameter name starting with /')),
  ),
  /** Another Slack-compatible Web API (`http://127.0.0.1:PORT/api/`): unset on AWS; local runs and tests. */
  SLACK_API_URL: z.optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending in /api/' })),
});
export type TeamsEnv = z.infer<typeof TeamsEnvSchema>;

/** What the notifier needs to post Teams cards. */
export const TeamsPublisherEnvSchema = z.object(TeamsConnectionEnv);
export type TeamsPublisherEnv = z.infer<typeof TeamsPublisherEnvSchema>;

/**
 * The Teams SDK's cloud settings with our endpoints: where inbound tokens' keys come from, which issuer they
 * must carry, and where Entra is.
 *
 * @example
 * teamsCloud({ TEAMS_OPENID_METADATA_URL: 'http://127.0.0.1:4000/v1/.well-known/openidconfiguration',
 *   TEAMS_TOKEN_ISSUER: 'https://api.botframework.com', TEAMS_LOGIN_ENDPOINT: 'http://127.0.0.1:4000' });
 */
export function teamsCloud(
  env: Pick<TeamsEnv, 'TEAMS_OPENID_METADATA_URL' | 'TEAMS_TOKEN_ISSUER' | 'TEAMS_LOGIN_ENDPOINT'>,
): CloudEnvironment {
  return withOverrides(PUBLIC, {
    openIdMetadataUrl: env.TEAMS_OPENID_METADATA_URL,
    tokenIssuer: env.TEAMS_TOKEN_ISSUER,
    loginEndpoint: env.TEAMS_LOGIN_ENDPOINT.replace(/\/+$/, ''),
  });
}
