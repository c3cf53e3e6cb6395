import { EksAuditError } from '../shared/errors';
import { actorEmails, isEmailLike } from '../triage/actor';
import type { Alert, Responder } from '../triage/model';
import type { ResponderDirectory } from '../triage/service-ports';

/** A Teams user as the bot knows them after asking the Bot Connector who clicked. */
export interface TeamsIdentity {
  /** The Entra object id (stable, what `teams:<id>` allow-list entries name), else the Teams user id. */
  readonly userId: string;
  readonly name: string;
  /** The user's e-mail and UPN, lower-cased, without duplicates; empty when the lookup failed. */
  readonly addresses: readonly string[];
  /** False when the Bot Connector could not be asked: the addresses are then unknown, not absent. */
  readonly verified: boolean;
}

/** The `from` of a Teams activity. */
export interface TeamsFrom {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
}

/** A conversation member as `GET /v3/conversations/{id}/members/{userId}` returns it. */
export interface TeamsMember {
  readonly name?: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
  readonly aadObjectId?: string;
}

/** Asks the Bot Connector about the user who clicked (in the conversation of the click). */
export type MemberLookup = () => Promise<TeamsMember>;

/**
 * Finds out who clicked. Teams activities carry the user's ids and name but no e-mail, so the Bot Connector's
 * member API is asked (once per user per `ttlMs` in a warm Lambda); its `email` and `userPrincipalName` are
 * what the separation-of-duties check matches against the actor of the change.
 *
 * @example
 * const resolver = new TeamsIdentityResolver(Date.now);
 * const who = await resolver.resolve(activity.from, () => api.conversations.members(convId).getById(activity.from.id));
 */
export class TeamsIdentityResolver {
  private readonly cache = new Map<string, { identity: TeamsIdentity; expiresAtMs: number }>();

  constructor(
    private readonly nowMs: () => number,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  async resolve(from: TeamsFrom, lookup: MemberLookup): Promise<TeamsIdentity> {
    const cached = this.cache.get(from.id);
    if (cached && this.nowMs() < cached.expiresAtMs) return cached.identity;
    let member: TeamsMember;
    try {
      member = await lookup();
    } catch {
      // Not cached: the next click asks again.
      return {
        userId: from.aadObjectId ?? from.id,
        name: from.name ?? from.id,
        addresses: [],
        verified: false,
      };
    }
    const addresses = [member.email, member.userPrincipalName]
      .filter((value): value is string => value !== undefined && isEmailLike(value))
      .map((value) => value.trim().toLowerCase());
    const identity: TeamsIdentity = {
      userId: member.aadObjectId ?? from.aadObjectId ?? from.id,
      name: member.name ?? from.name ?? from.id,
      addresses: [...new Set(addresses)],
      verified: true,
    };
    this.cache.set(from.id, { identity, expiresAtMs: this.nowMs() + this.ttlMs });
    return identity;
  }
}

/**
 * The responder recorded in the trail. Of the user's e-mail and UPN, the one that is also the actor's is kept
 * (so the policy's e-mail comparison sees the match whichever of the two the actor is known by); else the
 * e-mail, else the UPN.
 *
 * @example
 * teamsResponder({ userId: 'aad-1', name: 'Alice', addresses: ['alice@corp.example', 'alice@example.com'],
 *   verified: true }, alertOfAlicesChange).email; // 'alice@example.com'
 */
export function teamsResponder(identity: TeamsIdentity, alert: Alert): Responder {
  const actor = new Set(actorEmails(alert.finding.actor));
  const email = identity.addresses.find((address) => actor.has(address)) ?? identity.addresses[0];
  return {
    platform: 'teams',
    userId: identity.userId,
    name: identity.name,
    ...(email ? { email } : {}),
  };
}

/**
 * The triage service's view of the Teams user who clicked (`ResponderDirectory`). The responder passed to the
 * service is `teamsResponder(identity, alert)`, already complete, so `describe` returns it as is. When the
 * Bot Connector could not be asked, the responder has no e-mail and `userIdByEmail` throws: the service then
 * refuses an acknowledgement (`identity-unknown`) rather than let the author acknowledge their own change.
 *
 * @example
 * new TriageService({ ..., people: teamsResponders(identity) });
 */
export function teamsResponders(identity: TeamsIdentity): ResponderDirectory {
  return {
    describe: async (responder) => responder,
    async userIdByEmail(email) {
      if (!identity.verified)
        throw new EksAuditError('TEAMS_IDENTITY_UNKNOWN', 'the Bot Connector could not be asked');
      return identity.addresses.includes(email.trim().toLowerCase()) ? identity.userId : undefined;
    },
    // Teams allow-list entries name people (`teams:<Entra object id>`); there are no user groups to expand.
    groupsOf: async () => [],
  };
}
