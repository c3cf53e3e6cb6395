import type { CardPublisher, CardRoute } from '../../../src/notify/ports';
import type { Alert, PostedMessage, Responder } from '../../../src/triage/model';
import type { Escalation, EscalationNotifier, ResponderDirectory } from '../../../src/triage/service-ports';

/**
 * In-memory implementations of the triage service's platform ports, for the service's own tests. The trail
 * is the real DynamoDB adapter on dynalite; these stand in for Slack/Teams and SNS, whose real adapters are
 * exercised against local servers in test/bot and test/adapters.
 */

/** A directory of known people; `failing` makes every lookup throw, as when the platform is down. */
export function aDirectory(
  people: readonly { userId: string; name: string; email?: string }[],
  options: { groups?: Record<string, readonly string[]>; failing?: boolean } = {},
): ResponderDirectory & { readonly lookups: string[] } {
  const lookups: string[] = [];
  const check = (what: string) => {
    lookups.push(what);
    if (options.failing) throw new Error(`directory unavailable (${what})`);
  };
  return {
    lookups,
    describe: async (responder: Responder) => {
      check(`describe:${responder.userId}`);
      const person = people.find((p) => p.userId === responder.userId);
      return person
        ? { ...responder, name: person.name, ...(person.email ? { email: person.email } : {}) }
        : responder;
    },
    userIdByEmail: async (email) => {
      check(`email:${email}`);
      return people.find((p) => p.email?.toLowerCase() === email.toLowerCase())?.userId;
    },
    groupsOf: async (responder, groupIds) => {
      check(`groups:${responder.userId}`);
      return groupIds.filter((group) => options.groups?.[group]?.includes(responder.userId));
    },
  };
}

/** A card publisher that remembers what it updated; `failWith` makes updates throw. */
export function aCardPublisher(
  failWith?: Error,
): CardPublisher & { readonly updates: { alert: Alert; message: PostedMessage }[] } {
  const updates: { alert: Alert; message: PostedMessage }[] = [];
  return {
    updates,
    post: async (_alert: Alert, route: CardRoute) => ({
      platform: 'slack',
      channel: route.channel,
      messageId: '1.000001',
    }),
    update: async (alert, message) => {
      if (failWith) throw failWith;
      updates.push({ alert, message });
    },
  };
}

/** An escalation destination that remembers what it was told; `failWith` makes it throw. */
export function aNotifier(
  name: string,
  failWith?: Error,
): EscalationNotifier & { readonly told: Escalation[] } {
  const told: Escalation[] = [];
  return {
    name,
    told,
    notify: async (escalation) => {
      if (failWith) throw failWith;
      told.push(escalation);
    },
  };
}
