import { parseEnv } from '../config/env';
import { type TeamsPublisherEnv, TeamsPublisherEnvSchema } from './config';

/** The Teams settings whose presence means "this function updates or posts Teams cards". */
const teamsSettings = ['TEAMS_APP_ID', 'TEAMS_TENANT_ID', 'TEAMS_APP_PASSWORD_PARAM'] as const;

/**
 * The Teams card publisher's settings (`TeamsPublisherEnvSchema`) of a function for which Teams is optional
 * (the notifier, the Slack function), or undefined when none of `TEAMS_APP_ID`, `TEAMS_TENANT_ID`,
 * `TEAMS_APP_PASSWORD_PARAM` is set (empty counts as unset). When one is set, all are validated, so a
 * half-configured Teams fails the cold start naming what is missing.
 *
 * No import beyond the settings' schema: a function's cold start reads this without loading the publisher.
 *
 * @throws ConfigError naming the bad or missing setting.
 * @example
 * teamsPublisherEnvIfSet(process.env, 'slack'); // undefined on a Slack-only deployment
 */
export function teamsPublisherEnvIfSet(
  env: NodeJS.ProcessEnv,
  component: string,
): TeamsPublisherEnv | undefined {
  const present = (name: string) => (env[name] ?? '').trim() !== '';
  if (!teamsSettings.some(present)) return undefined;
  // Empty optional values are left to their defaults rather than refused as URLs.
  const given = Object.fromEntries(Object.entries(env).filter(([name]) => present(name)));
  return parseEnv(TeamsPublisherEnvSchema, given, component);
}
