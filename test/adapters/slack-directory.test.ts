import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackApiError } from '../../src/adapters/slack/slack-api-error';
import { SlackDirectory } from '../../src/adapters/slack/slack-directory';
import { testWebClient } from '../support/slack-client';
import { type SlackServer, startSlackServer } from '../support/slack-server';

let slack: SlackServer;
let now: number;
let directory: SlackDirectory;

beforeEach(async () => {
  slack = await startSlackServer({
    channels: ['C0ALERTS'],
    users: [{ id: 'U0ALICE', name: 'alice', realName: 'Alice Example', email: 'alice@example.com' }],
    userGroups: { S0SRE: ['U0BOB', 'U0CAROL'] },
  });
  now = Date.parse('2026-11-20T14:00:00Z');
  directory = new SlackDirectory(testWebClient(slack), {
    clock: () => new Date(now),
    ttlMs: 60_000,
    negativeTtlMs: 10_000,
  });
});
afterEach(async () => {
  await slack.close();
});

describe('SlackDirectory', () => {
  it('finds a person by e-mail, whatever the case and spacing', async () => {
    expect(await directory.lookupUserByEmail(' Alice@Example.com ')).toEqual({
      id: 'U0ALICE',
      name: 'alice',
      email: 'alice@example.com',
    });
  });

  it('asks Slack once per e-mail until the cache entry expires', async () => {
    await directory.lookupUserByEmail('alice@example.com');
    await directory.lookupUserByEmail('ALICE@example.com');
    expect(slack.callsTo('users.lookupByEmail')).toHaveLength(1);
    now += 61_000;
    await directory.lookupUserByEmail('alice@example.com');
    expect(slack.callsTo('users.lookupByEmail')).toHaveLength(2);
  });

  it('shares one call between concurrent lookups (twenty clicks, one request)', async () => {
    const users = await Promise.all(
      Array.from({ length: 20 }, () => directory.lookupUserByEmail('alice@example.com')),
    );
    expect(new Set(users.map((u) => u?.id))).toEqual(new Set(['U0ALICE']));
    expect(slack.callsTo('users.lookupByEmail')).toHaveLength(1);
  });

  it('answers undefined for an unknown e-mail, and asks again sooner than for a known one', async () => {
    expect(await directory.lookupUserByEmail('carol@example.com')).toBeUndefined();
    slack.setUsers([{ id: 'U0CAROL', name: 'carol', email: 'carol@example.com' }]);
    expect(await directory.lookupUserByEmail('carol@example.com')).toBeUndefined();
    now += 11_000;
    expect((await directory.lookupUserByEmail('carol@example.com'))?.id).toBe('U0CAROL');
  });

  it('throws on a Slack failure and does not remember it', async () => {
    slack.failNext('users.lookupByEmail', 1, { kind: 'slack', error: 'missing_scope' });
    await expect(directory.lookupUserByEmail('alice@example.com')).rejects.toBeInstanceOf(SlackApiError);
    expect((await directory.lookupUserByEmail('alice@example.com'))?.id).toBe('U0ALICE');
    expect(slack.callsTo('users.lookupByEmail')).toHaveLength(2);
  });

  it('finds a user by id, and lists a group’s members (nobody for an unknown group)', async () => {
    expect((await directory.userById('U0ALICE'))?.email).toBe('alice@example.com');
    expect(await directory.userById('U0NOBODY')).toBeUndefined();
    expect(await directory.userGroupMembers('S0SRE')).toEqual(['U0BOB', 'U0CAROL']);
    expect(await directory.userGroupMembers('S0GONE')).toEqual([]);
    await directory.userGroupMembers('S0SRE');
    expect(slack.callsTo('usergroups.users.list')).toHaveLength(2);
  });

  it('gives a message’s permalink, and a clear error for a message that does not exist', async () => {
    const posted = await testWebClient(slack).chat.postMessage({ channel: 'C0ALERTS', text: 'card' });
    expect(await directory.getPermalink('C0ALERTS', posted.ts ?? '')).toMatch(
      /^https:\/\/eks-audit-test\.slack\.com\/archives\/C0ALERTS\/p\d+$/,
    );
    await expect(directory.getPermalink('C0ALERTS', '1.000009')).rejects.toMatchObject({
      slackError: 'message_not_found',
      retryable: false,
    });
  });
});
