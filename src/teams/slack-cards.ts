import { deferredPublisher, onFirstUse } from '../notify/deferred-publisher';
import type { CardPublisher } from '../notify/ports';
import type { Logger } from '../shared/logger';

/** Where the Teams function's Slack card publisher comes from. */
export interface SlackCardsSetup {
  /** Reads the Slack bot token (`readSecureParameter(ssm, env.SLACK_BOT_TOKEN_PARAM)`). */
  readonly botToken: () => Promise<string>;
  /** Another Slack-compatible Web API (`SLACK_API_URL`: local runs, tests). */
  readonly slackApiUrl?: string | undefined;
  readonly log: Logger;
}

/**
 * A Slack card publisher for the Teams function, built when a response first has a Slack card to update: the
 * bot token is read then (from SSM) and kept for the life of the function instance, and the Slack Web API
 * client is loaded then, not at cold start (Teams-only clicks never load it). A failed build (SSM throttled,
 * the parameter missing) is forgotten, so the next click tries again; its error reaches the triage service,
 * which logs it as a failed card update (`triage follow-up failed`) without failing the click.
 *
 * esbuild bundles the dynamic import and runs the imported module (and `@slack/web-api`) only when it is
 * first awaited.
 *
 * @example
 * const slack = slackCardsOnFirstUse({ botToken: () => readSecureParameter(ssm, env.SLACK_BOT_TOKEN_PARAM), log });
 * new TriageService({ ..., cards: { teams, slack } });
 */
export function slackCardsOnFirstUse(setup: SlackCardsSetup): CardPublisher {
  return deferredPublisher(onFirstUse(() => build(setup)));
}

async function build(setup: SlackCardsSetup): Promise<CardPublisher> {
  const [botToken, { createSlackCardPublisher }] = await Promise.all([
    setup.botToken(),
    import('./slack-publisher-setup'),
  ]);
  return createSlackCardPublisher({ botToken, slackApiUrl: setup.slackApiUrl, log: setup.log });
}
