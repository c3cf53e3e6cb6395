import type { Logger as WebClientLogger } from '@slack/web-api';
import { LogLevel } from '@slack/web-api';
import type { NotifierEnv } from '../config/components';
import type { Routing } from '../notify/routing';
import { ConfigError } from '../shared/errors';
import type { Logger } from '../shared/logger';

/**
 * The notifier's routing from its settings: `ROUTING` (JSON), with `SLACK_DEFAULT_CHANNEL` as the default
 * channel when `ROUTING` names none. A default is required, so that no finding is ever left without a channel.
 *
 * @throws ConfigError naming both settings when neither gives a default channel.
 * @example
 * notifierRouting({ ...env, SLACK_DEFAULT_CHANNEL: 'C0ALERTS' }); // { defaultChannel: 'C0ALERTS', routes: [] }
 */
export function notifierRouting(env: Pick<NotifierEnv, 'ROUTING' | 'SLACK_DEFAULT_CHANNEL'>): Routing {
  const routing: Routing = env.ROUTING ?? { routes: [] };
  const defaultChannel = routing.defaultChannel ?? env.SLACK_DEFAULT_CHANNEL;
  if (defaultChannel === undefined) {
    throw new ConfigError(
      'invalid notifier configuration:\n  SLACK_DEFAULT_CHANNEL: required when ROUTING has no "defaultChannel" (a Slack channel id such as C0123ABCD), so every finding has a channel',
    );
  }
  return { ...routing, defaultChannel };
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
