import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testWebClient } from '../support/slack-client';
import { type SlackServer, startSlackServer } from '../support/slack-server';

let slack: SlackServer;
let client: WebClient;

beforeEach(async () => {
  slack = await startSlackServer({
    channels: ['C0ALERTS', { id: 'C0ESCALATE', name: 'eks-escalations' }],
    users: [{ id: 'U0BOB', name: 'bob', email: 'bob@example.com' }],
    userGroups: { S0SRE: ['U0BOB'] },
  });
  // No retries here: these tests are about what the server answers, not about the client's retry policy.
  client = testWebClient(slack);
});
afterEach(async () => {
  await slack.close();
});

/** The Slack error code a call was rejected with. */
async function slackError(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error ?? String(error);
  }
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (actionId: string, text = 'Go', value = 'v') => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text },
  value,
});

describe('startSlackServer', () => {
  it('records each call with its method, parsed arguments and token', async () => {
    await client.chat.postMessage({ channel: 'C0ALERTS', text: 'hi', blocks: [section('*hi*')] });
    const [call] = slack.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C0ALERTS', text: 'hi', blocks: [section('*hi*')] });
    expect(call?.token).toBe(slack.token);
    expect(call?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(call?.response).toMatchObject({ ok: true, channel: 'C0ALERTS' });
  });

  it('reads JSON bodies with a Bearer token too', async () => {
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${slack.token}` },
      body: JSON.stringify({ channel: 'C0ALERTS', blocks: [section('json')] }),
    });
    expect(await res.json()).toMatchObject({ ok: true });
    expect(slack.calls[0]?.args.blocks).toEqual([section('json')]);
  });

  it('gives every message a unique, increasing ts, and returns the message', async () => {
    const first = await client.chat.postMessage({ channel: 'C0ALERTS', text: 'one' });
    const second = await client.chat.postMessage({ channel: '#eks-escalations', text: 'two' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(second.channel).toBe('C0ESCALATE');
    expect(first.message?.text).toBe('one');
  });

  it('rejects unknown methods, a missing token and a wrong token, as Slack does', async () => {
    expect(await slackError(client.apiCall('chat.postMessageTypo', { channel: 'C0ALERTS' }))).toBe(
      'unknown_method',
    );
    const anonymous = testWebClient(slack, {}, '');
    expect(await slackError(anonymous.auth.test())).toBe('not_authed');
    const wrong = testWebClient(slack, {}, 'xoxb-wrong');
    expect(await slackError(wrong.auth.test())).toBe('invalid_auth');
    expect((await client.auth.test()).user_id).toBe('U0BOT');
  });

  it.each([
    ['more than 50 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'no more than 50 items'],
    [
      'a header over 150 characters',
      [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      '/blocks/0/text/text',
    ],
    ['a section text over 3000 characters', [section('s'.repeat(3001))], 'less than 3001'],
    [
      'more than 10 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
      '/blocks/0/fields',
    ],
    [
      'a field over 2000 characters',
      [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }],
      'less than 2001',
    ],
    [
      'duplicate action ids',
      [{ type: 'actions', elements: [button('a'), button('a')] }],
      'action_id already exists',
    ],
    [
      'an action id over 255 characters',
      [{ type: 'actions', elements: [button('a'.repeat(256))] }],
      'action_id must be 1 to 255',
    ],
    [
      'a button text over 75 characters',
      [{ type: 'actions', elements: [button('a', 'b'.repeat(76))] }],
      'less than 76',
    ],
    [
      'a button value over 2000 characters',
      [{ type: 'actions', elements: [button('a', 'b', 'v'.repeat(2001))] }],
      'less than 2001',
    ],
    ['a mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], 'must be a plain_text'],
    ['an unknown property', [{ type: 'divider', colour: 'red' }], 'invalid additional property: colour'],
  ])('rejects %s with invalid_blocks and says why', async (_name, blocks, reason) => {
    const error = await slackError(
      client.chat.postMessage({ channel: 'C0ALERTS', text: 'x', blocks: blocks as never }),
    );
    expect(error).toBe('invalid_blocks');
    const metadata = slack.calls.at(-1)?.response.response_metadata as { messages: string[] } | undefined;
    const messages = metadata?.messages ?? [];
    expect(messages.join('\n')).toContain(reason);
  });

  it('rejects a text over 40,000 characters, a missing or unknown channel, and an empty message', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0ALERTS', text: 't'.repeat(40_001) }))).toBe(
      'msg_too_long',
    );
    expect(await slackError(client.apiCall('chat.postMessage', { text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(client.apiCall('chat.postMessage', { channel: 'C0ALERTS' }))).toBe('no_text');
  });

  it('updates a message in place, keeps its versions, and refuses an unknown ts', async () => {
    const { ts } = await client.chat.postMessage({
      channel: 'C0ALERTS',
      text: 'v1',
      blocks: [section('v1')],
    });
    await client.chat.update({ channel: 'C0ALERTS', ts: ts ?? '', text: 'v2', blocks: [section('v2')] });
    expect(slack.message('C0ALERTS', ts ?? '')?.blocks).toEqual([section('v2')]);
    expect(slack.message('C0ALERTS', ts ?? '')?.versions.map((v) => v.text)).toEqual(['v1', 'v2']);
    expect(await slackError(client.chat.update({ channel: 'C0ALERTS', ts: '1.000000', text: 'x' }))).toBe(
      'message_not_found',
    );
  });

  it('answers permalinks, ephemeral messages and conversation info', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0ALERTS', text: 'x' });
    const { permalink } = await client.chat.getPermalink({ channel: 'C0ALERTS', message_ts: ts ?? '' });
    expect(permalink).toBe(
      `https://eks-audit-test.slack.com/archives/C0ALERTS/p${(ts ?? '').replace('.', '')}`,
    );
    expect(
      (await client.chat.postEphemeral({ channel: 'C0ALERTS', user: 'U0BOB', text: 'only you' })).ok,
    ).toBe(true);
    expect(
      await slackError(client.chat.postEphemeral({ channel: 'C0ALERTS', user: 'U0NOBODY', text: 'x' })),
    ).toBe('user_not_in_channel');
    expect((await client.conversations.info({ channel: 'C0ESCALATE' })).channel?.name).toBe(
      'eks-escalations',
    );
  });

  it('looks users and groups up in a directory the test can change', async () => {
    expect((await client.users.lookupByEmail({ email: 'BOB@example.com' })).user?.id).toBe('U0BOB');
    expect(await slackError(client.users.lookupByEmail({ email: 'carol@example.com' }))).toBe(
      'users_not_found',
    );
    slack.setUsers([{ id: 'U0CAROL', name: 'carol', email: 'carol@example.com' }]);
    expect((await client.users.info({ user: 'U0CAROL' })).user?.profile?.email).toBe('carol@example.com');
    expect((await client.usergroups.users.list({ usergroup: 'S0SRE' })).users).toEqual(['U0BOB']);
    expect(await slackError(client.usergroups.users.list({ usergroup: 'S0NONE' }))).toBe('no_such_subteam');
  });

  it('opens a valid modal and refuses one Slack would refuse', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Justify' },
      submit: { type: 'plain_text' as const, text: 'Record' },
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'Reason' },
          element: { type: 'plain_text_input', action_id: 'reason' },
        },
      ],
    };
    expect((await client.views.open({ trigger_id: 't1', view: view as never })).view?.id).toMatch(/^V/);
    const long = {
      ...view,
      title: { type: 'plain_text' as const, text: 'A title far too long for a modal' },
    };
    expect(await slackError(client.views.open({ trigger_id: 't2', view: long as never }))).toBe(
      'invalid_arguments',
    );
    expect(await slackError(client.views.open({ trigger_id: 'expired-1', view: view as never }))).toBe(
      'expired_trigger_id',
    );
  });

  it('answers the next calls of a method with 429 and Retry-After, then normally', async () => {
    slack.failNext('chat.postMessage', 2, { kind: 'ratelimited', retryAfterSeconds: 7 });
    const post = () =>
      fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${slack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C0ALERTS', text: 'x' }),
      });
    for (let i = 0; i < 2; i += 1) {
      const res = await post();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
    }
    expect((await post()).status).toBe(200);
    expect(slack.callsTo('chat.postMessage').map((c) => c.fault ?? 'none')).toEqual([
      'ratelimited',
      'ratelimited',
      'none',
    ]);
  });

  it('can answer with a 5xx or a Slack error instead', async () => {
    slack.failNext('auth.test', 1, 'server_error');
    slack.failNext('*', 1, { kind: 'slack', error: 'fatal_error' });
    expect(await slackError(client.auth.test())).toMatch(/503/);
    expect(await slackError(client.auth.test())).toBe('fatal_error');
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('records posts to a response_url', async () => {
    await fetch(slack.responseUrl('cmd-1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'pending: 0' }),
    });
    expect(slack.callsTo('response_url')[0]?.args).toEqual({ text: 'pending: 0' });
  });
});
