import type { UserDirectory } from '../notify/ports';
import type { Responder } from './model';
import { triageLimits } from './schemas';
import type { ResponderDirectory } from './service-ports';

/**
 * A `ResponderDirectory` backed by a chat platform's user directory (Slack: `SlackDirectory`, which caches
 * every lookup, so a click costs no Slack call once the person is known).
 *
 * @example
 * const people = directoryResponders(new SlackDirectory(client, { clock: systemClock }));
 * await people.describe({ platform: 'slack', userId: 'U0BOB', name: 'bob' });
 * // { platform: 'slack', userId: 'U0BOB', name: 'Bob Builder', email: 'bob@example.com' }
 */
export function directoryResponders(directory: UserDirectory): ResponderDirectory {
  return {
    async describe(responder) {
      const user = await directory.userById(responder.userId);
      if (!user) return responder;
      const email = user.email ?? responder.email;
      return { ...responder, name: user.name || responder.name, ...(email ? { email } : {}) };
    },
    async userIdByEmail(email) {
      return (await directory.lookupUserByEmail(email))?.id;
    },
    async groupsOf(responder, groupIds) {
      const memberships = await Promise.all(
        groupIds.map(async (group) =>
          (await directory.userGroupMembers(group)).includes(responder.userId) ? [group] : [],
        ),
      );
      return memberships.flat();
    },
  };
}

/**
 * A `ResponderDirectory` for platforms whose sign-in already says who the person is (Teams: the token's
 * e-mail or UPN): the responder is taken as given, nobody is found by e-mail, and there are no user groups.
 *
 * @example
 * await selfDescribedResponders.describe(teamsResponder); // the same responder
 */
export const selfDescribedResponders: ResponderDirectory = {
  describe: async (responder: Responder) => responder,
  userIdByEmail: async () => undefined,
  groupsOf: async () => [],
};

/**
 * A responder within the trail's limits (names and ids of 200 characters): a platform's long display name
 * must never cost the response. An e-mail too long to be real is dropped rather than cut.
 *
 * @example
 * withinLimits({ platform: 'teams', userId: '29:1', name: 'A'.repeat(500) }).name.length; // 200
 */
export function withinLimits(responder: Responder): Responder {
  const max = triageLimits.maxNameLength;
  const { email, ...rest } = responder;
  return {
    ...rest,
    userId: responder.userId.slice(0, max),
    name: responder.name.slice(0, max),
    ...(email !== undefined && email.length <= max ? { email } : {}),
  };
}
