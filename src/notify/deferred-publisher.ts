import type { CardPublisher } from './ports';

/*
 * Card publishers built when they are first needed, for the functions that may never need one (a notifier
 * whose findings all go to Teams never reads the Slack token; a Teams click on an alert without a Slack card
 * never loads the Slack client). No imports beyond a type, so using these loads nothing else.
 */

/**
 * Builds something on first use and keeps it for the life of the function instance. A failed build (SSM
 * throttled, a secret missing) is forgotten, so the next use, the retry of the invocation, tries again.
 *
 * @example
 * const slack = onFirstUse(() => secrets.slackSecrets().then(buildSlackClients));
 * const { publisher } = await slack();
 */
export function onFirstUse<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending) return pending;
    const attempt = build();
    pending = attempt;
    attempt.catch(() => {
      if (pending === attempt) pending = undefined;
    });
    return attempt;
  };
}

/**
 * A card publisher whose real one is built when the first card is posted: a notifier whose findings all go to
 * Teams never reads the Slack token, and the other way round.
 *
 * @example
 * const teams = deferredPublisher(onFirstUse(async () => createTeamsCardPublisher({ ...setup, appPassword })));
 */
export function deferredPublisher(publisher: () => Promise<CardPublisher>): CardPublisher {
  return {
    post: async (alert, route) => (await publisher()).post(alert, route),
    update: async (alert, message) => (await publisher()).update(alert, message),
  };
}
