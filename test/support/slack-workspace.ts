/**
 * The state behind the fake Slack server: a workspace with channels, users, user groups, messages and
 * views. Timestamps (`ts`) are unique and increasing, like Slack's, and derived from a counter so tests are
 * deterministic.
 */

/** A user as the fake directory holds them. */
export interface SlackUser {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly realName?: string;
  readonly deleted?: boolean;
  readonly isBot?: boolean;
}

/** A channel: an id (`C…`) and a name. */
export interface SlackChannel {
  readonly id: string;
  readonly name: string;
}

/** A posted message, as last updated, with every version it went through. */
export interface StoredMessage {
  readonly channel: string;
  readonly ts: string;
  text?: string;
  blocks?: unknown[];
  /** Every `{ text, blocks }` the message had, the first post included. */
  readonly versions: { text?: string; blocks?: unknown[] }[];
}

export const TEAM = {
  id: 'T0EKSAUDIT',
  domain: 'eks-audit-test',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
} as const;

/** The workspace: channels, directory and messages. */
export class SlackWorkspace {
  users: SlackUser[];
  userGroups: Record<string, readonly string[]>;
  /** Undefined: any channel id is accepted (and created on first post). */
  readonly channels: SlackChannel[] | undefined;
  readonly messages = new Map<string, StoredMessage>();
  readonly views = new Map<string, Record<string, unknown>>();
  private counter = 0;

  constructor(options: {
    channels?: readonly (string | SlackChannel)[];
    users?: readonly SlackUser[];
    userGroups?: Record<string, readonly string[]>;
  }) {
    this.channels = options.channels?.map((c) =>
      typeof c === 'string' ? { id: c, name: c.toLowerCase() } : c,
    );
    this.users = [...(options.users ?? [])];
    this.userGroups = { ...(options.userGroups ?? {}) };
  }

  /** The channel for an id or name (`C0ALERTS`, `alerts`, `#alerts`), or undefined when Slack would say not found. */
  channel(idOrName: unknown): SlackChannel | undefined {
    if (typeof idOrName !== 'string' || idOrName === '') return undefined;
    const key = idOrName.replace(/^#/, '');
    if (!this.channels)
      return /^[CGD][A-Z0-9]+$/.test(key) ? { id: key, name: key.toLowerCase() } : undefined;
    return this.channels.find((c) => c.id === key || c.name === key);
  }

  /** A fresh, strictly increasing message timestamp: `1763647201.000001`, `1763647202.000002`, … */
  nextTs(): string {
    this.counter += 1;
    return `${1763647200 + this.counter}.${String(this.counter).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(8, '0')}`;
  }

  store(channel: string, ts: string, content: { text?: string; blocks?: unknown[] }): StoredMessage {
    const message: StoredMessage = { channel, ts, ...content, versions: [content] };
    this.messages.set(`${channel}/${ts}`, message);
    return message;
  }

  message(channel: string, ts: unknown): StoredMessage | undefined {
    return typeof ts === 'string' ? this.messages.get(`${channel}/${ts}`) : undefined;
  }

  permalink(channel: string, ts: string): string {
    return `https://${TEAM.domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  }

  userBy(predicate: (user: SlackUser) => boolean): SlackUser | undefined {
    return this.users.find(predicate);
  }
}

/** A user as Slack's users.* methods return them. */
export function userObject(user: SlackUser): Record<string, unknown> {
  return {
    id: user.id,
    team_id: TEAM.id,
    name: user.name,
    real_name: user.realName ?? user.name,
    deleted: user.deleted ?? false,
    is_bot: user.isBot ?? false,
    profile: {
      real_name: user.realName ?? user.name,
      display_name: user.name,
      ...(user.email ? { email: user.email } : {}),
    },
  };
}
