import { csvList, jsonValue, parseEnv } from '../config/env';
import { type Routing, RoutingSchema } from '../notify/routing';
import { ConfigError } from '../shared/errors';
import * as z from '../shared/zod';

/**
 * How the local pipeline reaches people, from the environment:
 * - `terminal`: no `SLACK_BOT_TOKEN`: cards are printed, triage is done with the CLI;
 * - `socket`: `SLACK_BOT_TOKEN` and `SLACK_APP_TOKEN`: Bolt in Socket Mode (no public URL needed);
 * - `http`: `SLACK_BOT_TOKEN` and `SLACK_SIGNING_SECRET`: Bolt over plain HTTP at `/slack/events` of the local
 *   server, for a tunnel or a Slack-compatible stand-in (`SLACK_API_URL`).
 */
export type LocalSlackConfig =
  | { readonly mode: 'terminal'; readonly policy: PolicyEnv }
  | ({ readonly mode: 'socket'; readonly appToken: string } & SlackCommon)
  | ({ readonly mode: 'http'; readonly signingSecret: string } & SlackCommon);

/** The allow-lists of the triage policy (the same settings as the deployed Slack function). */
export interface PolicyEnv {
  readonly ACK_ALLOWED: readonly string[];
  readonly ESCALATE_ALLOWED: readonly string[];
}

/** What both Slack modes share. */
export interface SlackCommon {
  readonly botToken: string;
  /** The default channel of the cards (`defaultChannel` in `ROUTING`, else `SLACK_CHANNEL`). */
  readonly channel: string;
  /** Routes per cluster, namespace and minimum severity (`ROUTING`, the notifier's setting); none by default. */
  readonly routing: Routing;
  /** Escalations are also posted here (`ESCALATION_CHANNEL`). */
  readonly escalationChannel?: string;
  /** Another Slack-compatible Web API (`SLACK_API_URL`, e.g. `http://127.0.0.1:PORT/api/`). */
  readonly slackApiUrl?: string;
  readonly policy: PolicyEnv;
}

const optional = z.pipe(
  z.optional(z.string()),
  z.transform((value) => (value?.trim() ? value.trim() : undefined)),
);

const LocalSlackEnvSchema = z.object({
  SLACK_BOT_TOKEN: z.pipe(
    optional,
    z.optional(z.string().check(z.startsWith('xoxb-', 'must be a bot token (xoxb-...)'))),
  ),
  SLACK_APP_TOKEN: z.pipe(
    optional,
    z.optional(
      z.string().check(z.startsWith('xapp-', 'must be an app-level token (xapp-...) with connections:write')),
    ),
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_CHANNEL: optional,
  ROUTING: jsonValue(RoutingSchema),
  ESCALATION_CHANNEL: optional,
  SLACK_API_URL: z.pipe(optional, z.optional(z.url('must be a URL, e.g. http://127.0.0.1:3000/api/'))),
  ACK_ALLOWED: csvList,
  ESCALATE_ALLOWED: csvList,
});

/**
 * Reads the local Slack settings. Tokens stay in memory only: never logged, never written to the data folder.
 *
 * @throws ConfigError naming the setting (`SLACK_APP_TOKEN: must be an app-level token (xapp-...)`, or what is
 * missing next to `SLACK_BOT_TOKEN`).
 * @example
 * localSlackConfig(process.env).mode; // 'terminal' without SLACK_BOT_TOKEN
 */
export function localSlackConfig(env: NodeJS.ProcessEnv): LocalSlackConfig {
  const parsed = parseEnv(LocalSlackEnvSchema, env, 'local Slack');
  const policy = { ACK_ALLOWED: parsed.ACK_ALLOWED, ESCALATE_ALLOWED: parsed.ESCALATE_ALLOWED };
  if (parsed.SLACK_BOT_TOKEN === undefined) return { mode: 'terminal', policy };
  const routing = parsed.ROUTING ?? { routes: [] };
  // As in the notifier (SLACK_DEFAULT_CHANNEL there): ROUTING's defaultChannel first, else SLACK_CHANNEL.
  const channel = routing.defaultChannel ?? parsed.SLACK_CHANNEL;
  if (channel === undefined) {
    throw new ConfigError(
      'SLACK_CHANNEL is required with SLACK_BOT_TOKEN (or defaultChannel in ROUTING): the channel id (C...) for the cards',
    );
  }
  const common: SlackCommon = {
    botToken: parsed.SLACK_BOT_TOKEN,
    channel,
    routing: { ...routing, defaultChannel: channel },
    policy,
    ...(parsed.ESCALATION_CHANNEL ? { escalationChannel: parsed.ESCALATION_CHANNEL } : {}),
    ...(parsed.SLACK_API_URL ? { slackApiUrl: parsed.SLACK_API_URL } : {}),
  };
  if (parsed.SLACK_APP_TOKEN !== undefined)
    return { mode: 'socket', appToken: parsed.SLACK_APP_TOKEN, ...common };
  if (parsed.SLACK_SIGNING_SECRET !== undefined) {
    return { mode: 'http', signingSecret: parsed.SLACK_SIGNING_SECRET, ...common };
  }
  throw new ConfigError(
    'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (xapp-..., Socket Mode: no public URL needed) nor SLACK_SIGNING_SECRET (HTTP mode) is',
  );
}
