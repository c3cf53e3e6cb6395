import type { WebClient } from '@slack/web-api';
import type { ChatUser, UserDirectory } from '../../notify/ports';
import type { Clock } from '../../shared/clock';
import { SlackApiError, toSlackApiError } from './slack-api-error';

/** Cache lifetimes: people rarely change e-mail or group, and a click must not wait on Slack every time. */
export interface SlackDirectoryOptions {
  readonly clock: Clock;
  /** How long a found user or a group's members are kept (default 1 hour). */
  readonly ttlMs?: number;
  /** How long "no such user" is kept (default 10 minutes: someone may join Slack meanwhile). */
  readonly negativeTtlMs?: number;
}

interface Entry<T> {
  readonly value: Promise<T>;
  expiresAt: number;
}

/**
 * Looks people up in Slack, cached: the actor by e-mail (separation of duties), a user by id (the responder's
 * e-mail), a user group's members (who may acknowledge or escalate), and message permalinks. Concurrent
 * lookups of the same key share one call (twenty people clicking at once make one `users.lookupByEmail`).
 * Failures are thrown as `SlackApiError` and never cached.
 *
 * @example
 * const directory = new SlackDirectory(client, { clock: systemClock });
 * const actor = await directory.lookupUserByEmail('alice@example.com'); // { id: 'U0ALICE', ... } or undefined
 */
export class SlackDirectory implements UserDirectory {
  private readonly cache = new Map<string, Entry<unknown>>();

  constructor(
    private readonly client: WebClient,
    private readonly options: SlackDirectoryOptions,
  ) {}

  lookupUserByEmail(email: string): Promise<ChatUser | undefined> {
    const key = email.trim().toLowerCase();
    return this.cached(`email:${key}`, async () => {
      const result = await this.call('users.lookupByEmail', () =>
        this.client.users.lookupByEmail({ email: key }),
      );
      return result === 'not_found' ? undefined : chatUser(result.user);
    });
  }

  userById(userId: string): Promise<ChatUser | undefined> {
    return this.cached(`id:${userId}`, async () => {
      const result = await this.call('users.info', () => this.client.users.info({ user: userId }));
      return result === 'not_found' ? undefined : chatUser(result.user);
    });
  }

  /** The member ids of a user group; empty for a group Slack does not know (its members: nobody). */
  userGroupMembers(groupId: string): Promise<readonly string[]> {
    return this.cached(`group:${groupId}`, async () => {
      const result = await this.call('usergroups.users.list', () =>
        this.client.usergroups.users.list({ usergroup: groupId }),
      );
      return result === 'not_found' ? [] : (result.users ?? []);
    });
  }

  /**
   * A link to a posted message (for the escalation post and `/eks-audit pending`). Not cached: cheap, rare.
   *
   * @example
   * await directory.getPermalink('C0ALERTS', '1763647201.000001'); // 'https://….slack.com/archives/C0ALERTS/p1763647201000001'
   */
  async getPermalink(channel: string, messageTs: string): Promise<string> {
    try {
      const result = await this.client.chat.getPermalink({ channel, message_ts: messageTs });
      if (!result.permalink) throw new SlackApiError('chat.getPermalink', 'missing_permalink', false);
      return result.permalink;
    } catch (error) {
      throw toSlackApiError('chat.getPermalink', error);
    }
  }

  /** The call's result, `not_found` for Slack's "no such thing" answers, or a thrown SlackApiError. */
  private async call<T>(method: string, run: () => Promise<T>): Promise<T | 'not_found'> {
    try {
      return await run();
    } catch (error) {
      const failure = toSlackApiError(method, error);
      if (['users_not_found', 'user_not_found', 'no_such_subteam'].includes(failure.slackError))
        return 'not_found';
      throw failure;
    }
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.options.clock().getTime();
    const hit = this.cache.get(key) as Entry<T> | undefined;
    if (hit && hit.expiresAt > now) return hit.value;
    const entry: Entry<T> = { value: load(), expiresAt: Number.POSITIVE_INFINITY };
    this.cache.set(key, entry);
    entry.value.then(
      (value) => {
        const ttl =
          value === undefined ? (this.options.negativeTtlMs ?? 600_000) : (this.options.ttlMs ?? 3_600_000);
        entry.expiresAt = this.options.clock().getTime() + ttl;
      },
      () => {
        // A failure is not an answer: forget it, so the next lookup asks Slack again.
        if (this.cache.get(key) === entry) this.cache.delete(key);
      },
    );
    return entry.value;
  }
}

interface SlackUserShape {
  id?: string;
  name?: string;
  real_name?: string;
  profile?: { email?: string; display_name?: string; real_name?: string };
}

function chatUser(user: SlackUserShape | undefined): ChatUser | undefined {
  if (!user?.id) return undefined;
  const name =
    user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || user.id;
  return { id: user.id, name, ...(user.profile?.email ? { email: user.profile.email } : {}) };
}
