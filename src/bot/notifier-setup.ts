import type { Logger as WebClientLogger } from '@slack/web-api';
import { LogLevel } from '@slack/web-api';
import type { NotifierEnv } from '../config/components';
import type { Routing } from '../notify/routing';
import { ConfigError } from '../shared/errors';
import type { Logger } from '../shared/logger';

/**
 * The notifier's routing from its settings: `ROUTING` (JSON), with `SLACK_DEFAULT_CHANNEL` and
 * `TEAMS_DEFAULT_CONVERSATION` as the defaults when `ROUTING` names none. At least one default is required
 * (Slack, Teams or both), so that no finding is ever left without a card.
 *
 * @throws ConfigError naming the settings that can give a default when none does.
 * @example
 * notifierRouting({ SLACK_DEFAULT_CHANNEL: 'C0ALERTS' }); // { defaultChannel: 'C0ALERTS', routes: [] }
 * notifierRouting({ TEAMS_DEFAULT_CONVERSATION: '19:abc@thread.tacv2' });
 * // { defaultTeamsConversation: '19:abc@thread.tacv2', routes: [] }
 */
export function notifierRouting(
  env: Pick<NotifierEnv, 'ROUTING' | 'SLACK_DEFAULT_CHANNEL' | 'TEAMS_DEFAULT_CONVERSATION'>,
): Routing {
  const routing: Routing = env.ROUTING ?? { routes: [] };
  const defaultChannel = routing.defaultChannel ?? env.SLACK_DEFAULT_CHANNEL;
  const defaultTeamsConversation = routing.defaultTeamsConversation ?? env.TEAMS_DEFAULT_CONVERSATION;
  if (defaultChannel === undefined && defaultTeamsConversation === undefined) {
    throw new ConfigError(
      'invalid notifier configuration:\n  SLACK_DEFAULT_CHANNEL or TEAMS_DEFAULT_CONVERSATION: one is required when ROUTING has neither "defaultChannel" nor "defaultTeamsConversation" (a Slack channel id such as C0123ABCD, a Teams conversation id such as 19:…@thread.tacv2), so every finding has a card',
    );
  }
  return {
    ...routing,
    ...(defaultChannel !== undefined ? { defaultChannel } : {}),
    ...(defaultTeamsConversation !== undefined ? { defaultTeamsConversation } : {}),
  };
}

/**
 * Whether any finding can be routed to Teams: a default Teams conversation or a route naming one.
 *
 * @example
 * routesToTeams({ routes: [{ cluster: 'prod', teamsConversation: '19:abc@thread.tacv2' }] }); // true
 */
export function routesToTeams(routing: Routing): boolean {
  return (
    routing.defaultTeamsConversation !== undefined ||
    routing.routes.some((route) => route.teamsConversation !== undefined)
  );
}

/**
 * The WebClient's logger over ours, so its retry warnings ("http request failed, retrying") reach CloudWatch
 * as JSON records next to the notifier's own.
 *
 * @example
 * createSlackWebClient({ token, profile: 'background', logger: webClientLogger(log) });
 */
export function webClientLogger(log: Logger): WebClientLogger {
  let level = LogLevel.INFO;
  const join = (parts: unknown[]) => parts.map(String).join(' ');
  return {
    debug: (...parts) => level === LogLevel.DEBUG && log.debug(`slack web api: ${join(parts)}`),
    info: (...parts) => log.info(`slack web api: ${join(parts)}`),
    warn: (...parts) => log.warn(`slack web api: ${join(parts)}`),
    error: (...parts) => log.error(`slack web api: ${join(parts)}`),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
