import { validateBlocks, validateModalView } from './block-kit-rules';
import { type SlackWorkspace, TEAM, userObject } from './slack-workspace';

/**
 * The Web API methods the fake Slack server answers, each as Slack documents it: the success shape, and the
 * errors Slack returns for what it rejects. A handler returns the JSON body; `{ ok: false, error }` bodies
 * are sent with HTTP 200, as Slack does.
 */
export type Args = Record<string, unknown>;
export type Body = { ok: boolean; [key: string]: unknown };
type Handler = (workspace: SlackWorkspace, args: Args) => Body;

const fail = (error: string, messages?: string[]): Body => ({
  ok: false,
  error,
  ...(messages ? { errors: messages, response_metadata: { messages } } : {}),
});

/** Message content checks shared by postMessage, update and postEphemeral. */
function checkContent(args: Args): Body | undefined {
  const { text, blocks, attachments } = args;
  if (blocks === '__unparseable__') return fail('invalid_blocks_format');
  if (text === undefined && blocks === undefined && attachments === undefined) return fail('no_text');
  // https://docs.slack.dev/reference/methods/chat.postMessage: `msg_too_long` past 40,000 characters.
  if (typeof text === 'string' && text.length > 40_000) return fail('msg_too_long');
  if (blocks !== undefined) {
    const errors = validateBlocks(blocks, 'message');
    if (errors.length > 0) return fail('invalid_blocks', errors);
  }
  return undefined;
}

function content(args: Args): { text?: string; blocks?: unknown[] } {
  return {
    ...(typeof args.text === 'string' ? { text: args.text } : {}),
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
  };
}

const messageObject = (ts: string, body: { text?: string; blocks?: unknown[] }) => ({
  type: 'message',
  user: TEAM.botUserId,
  bot_id: TEAM.botId,
  ts,
  ...body,
});

const handlers: Record<string, Handler> = {
  'auth.test': () => ({
    ok: true,
    url: `https://${TEAM.domain}.slack.com/`,
    team: 'EKS Audit Test',
    user: 'eks-audit',
    team_id: TEAM.id,
    user_id: TEAM.botUserId,
    bot_id: TEAM.botId,
  }),
  'chat.postMessage': (ws, args) => {
    const channel = ws.channel(args.channel);
    if (!channel) return fail('channel_not_found');
    const invalid = checkContent(args);
    if (invalid) return invalid;
    const ts = ws.nextTs();
    const body = content(args);
    ws.store(channel.id, ts, body);
    return { ok: true, channel: channel.id, ts, message: messageObject(ts, body) };
  },
  'chat.update': (ws, args) => {
    const channel = ws.channel(args.channel);
    if (!channel) return fail('channel_not_found');
    const message = ws.message(channel.id, args.ts);
    if (!message) return fail('message_not_found');
    const invalid = checkContent(args);
    if (invalid) return invalid;
    const next = content(args);
    // https://docs.slack.dev/reference/methods/chat.update: blocks not sent are retained; `[]` removes them.
    if (next.text !== undefined) message.text = next.text;
    if (next.blocks !== undefined) message.blocks = next.blocks;
    message.versions.push(next);
    return {
      ok: true,
      channel: channel.id,
      ts: message.ts,
      text: message.text,
      message: messageObject(message.ts, next),
    };
  },
  'chat.postEphemeral': (ws, args) => {
    const channel = ws.channel(args.channel);
    if (!channel) return fail('channel_not_found');
    if (typeof args.user !== 'string' || !ws.userBy((u) => u.id === args.user))
      return fail('user_not_in_channel');
    const invalid = checkContent(args);
    return invalid ?? { ok: true, message_ts: ws.nextTs() };
  },
  'chat.getPermalink': (ws, args) => {
    const channel = ws.channel(args.channel);
    if (!channel) return fail('channel_not_found');
    const message = ws.message(channel.id, args.message_ts);
    if (!message) return fail('message_not_found');
    return { ok: true, channel: channel.id, permalink: ws.permalink(channel.id, message.ts) };
  },
  'conversations.info': (ws, args) => {
    const channel = ws.channel(args.channel);
    if (!channel) return fail('channel_not_found');
    return {
      ok: true,
      channel: { id: channel.id, name: channel.name, is_channel: true, is_private: false, is_member: true },
    };
  },
  'users.lookupByEmail': (ws, args) => {
    const email = typeof args.email === 'string' ? args.email.toLowerCase() : '';
    const user = ws.userBy((u) => u.email?.toLowerCase() === email);
    return user ? { ok: true, user: userObject(user) } : fail('users_not_found');
  },
  'users.info': (ws, args) => {
    const user = ws.userBy((u) => u.id === args.user);
    return user ? { ok: true, user: userObject(user) } : fail('user_not_found');
  },
  'usergroups.users.list': (ws, args) => {
    const members = typeof args.usergroup === 'string' ? ws.userGroups[args.usergroup] : undefined;
    return members ? { ok: true, users: [...members] } : fail('no_such_subteam');
  },
  'views.open': (ws, args) => openView(ws, args),
  'views.push': (ws, args) => openView(ws, args),
  'views.update': (ws, args) => {
    const id = typeof args.view_id === 'string' ? args.view_id : undefined;
    if (!id || !ws.views.has(id)) return fail('not_found');
    const errors = validateModalView(args.view);
    if (errors.length > 0) return fail('invalid_arguments', errors);
    ws.views.set(id, args.view as Record<string, unknown>);
    return { ok: true, view: { id, ...(args.view as object) } };
  },
};

function openView(ws: SlackWorkspace, args: Args): Body {
  if (typeof args.trigger_id !== 'string' || args.trigger_id === '') return fail('invalid_arguments');
  if (args.trigger_id.startsWith('expired')) return fail('expired_trigger_id');
  const errors = validateModalView(args.view);
  if (errors.length > 0) return fail('invalid_arguments', errors);
  const id = ws.nextId('V');
  ws.views.set(id, args.view as Record<string, unknown>);
  return { ok: true, view: { id, team_id: TEAM.id, ...(args.view as object) } };
}

/** Answers one call, or `unknown_method` for a method the fake (and here, Slack) does not have. */
export function callMethod(workspace: SlackWorkspace, method: string, args: Args): Body {
  const handler = handlers[method];
  return handler ? handler(workspace, args) : { ok: false, error: 'unknown_method', req_method: method };
}

/** The methods the fake implements. */
export const knownMethods: readonly string[] = Object.keys(handlers);
