import { TeamsVerbs } from '../../../src/notify/teams/actions';
import type { HttpApiEvent } from '../../../src/teams/lambda-adapter';
import { TEST_APP_ID, TEST_TENANT_ID } from './identity-server';

/** The channel the tests' cards live in. */
export const CHANNEL_ID = '19:6c1f2b0e5a8d4f3b9e7a@thread.tacv2';
/** The card message the clicks come from. */
export const CARD_MESSAGE_ID = '1763647270001';

/** Teams users of the tests: bob (not the actor) and alice (who made the change in `aFinding()`). */
export const bob = {
  id: '29:1bob',
  name: 'Bob Builder',
  aadObjectId: '6a0c2d1e-0000-4000-8000-0000000000b0',
  email: 'bob@example.com',
  userPrincipalName: 'bob@example.com',
};
/** alice's mailbox differs from her UPN; the UPN is what the actor's session name carries. */
export const alice = {
  id: '29:1alice',
  name: 'Alice Example',
  aadObjectId: '6a0c2d1e-0000-4000-8000-0000000000a1',
  email: 'alice.example@corp.example',
  userPrincipalName: 'alice@example.com',
};

type TeamsUser = typeof bob;

/**
 * An `adaptiveCard/action` invoke as Teams sends it when someone presses an `Action.Execute` button:
 * `data` is the button's data merged with the card's inputs.
 */
export function anInvoke(options: {
  serviceUrl: string;
  verb: keyof typeof TeamsVerbs;
  data: Record<string, unknown>;
  from?: TeamsUser;
}) {
  const from = options.from ?? bob;
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${options.verb}`,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: '2026-11-20T14:02:00.000Z',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: `28:${TEST_APP_ID}`, name: 'eks-audit' },
    conversation: { id: CHANNEL_ID, conversationType: 'channel', tenantId: TEST_TENANT_ID },
    replyToId: CARD_MESSAGE_ID,
    channelData: { tenant: { id: TEST_TENANT_ID }, channel: { id: CHANNEL_ID } },
    value: {
      action: { type: 'Action.Execute', verb: TeamsVerbs[options.verb], data: options.data },
      trigger: options.verb === 'refresh' ? 'automatic' : 'manual',
    },
  };
}

/** A message to the bot in the channel: `<at>eks-audit</at> pending`. */
export function aCommand(options: { serviceUrl: string; text: string; from?: TeamsUser }) {
  const from = options.from ?? bob;
  return {
    type: 'message',
    id: 'message-1',
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    text: `<at>eks-audit</at> ${options.text}`,
    entities: [
      {
        type: 'mention',
        text: '<at>eks-audit</at>',
        mentioned: { id: `28:${TEST_APP_ID}`, name: 'eks-audit' },
      },
    ],
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: `28:${TEST_APP_ID}`, name: 'eks-audit' },
    conversation: {
      id: `${CHANNEL_ID};messageid=1763647000000`,
      conversationType: 'channel',
      tenantId: TEST_TENANT_ID,
    },
    channelData: {
      tenant: { id: TEST_TENANT_ID },
      channel: { id: CHANNEL_ID },
      team: { id: '19:team', name: 'Platform' },
    },
  };
}

/** The bot installed in a team: `installationUpdate` with action `add`, in the General channel. */
export function anInstallation(serviceUrl: string, channelId = CHANNEL_ID) {
  return {
    type: 'installationUpdate',
    action: 'add',
    id: 'install-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId },
    recipient: { id: `28:${TEST_APP_ID}`, name: 'eks-audit' },
    conversation: { id: channelId, conversationType: 'channel', tenantId: TEST_TENANT_ID },
    channelData: {
      tenant: { id: TEST_TENANT_ID },
      team: { id: channelId, name: 'Platform' },
      channel: { id: channelId, name: 'General' },
    },
  };
}

/** The `conversationUpdate` Teams sends with the installation: the bot among the members added. */
export function aBotAdded(serviceUrl: string, channelId = CHANNEL_ID) {
  const install = anInstallation(serviceUrl, channelId);
  const { action: _action, ...rest } = install;
  return {
    ...rest,
    type: 'conversationUpdate',
    id: 'update-1',
    membersAdded: [{ id: install.recipient.id }],
    channelData: { ...install.channelData, eventType: 'teamMemberAdded' },
  };
}

/** The API Gateway HTTP API event that carries `activity` to the Lambda, with `Authorization: Bearer token`. */
export function anHttpApiEvent(activity: unknown, token?: string, path = '/api/messages'): HttpApiEvent {
  return {
    rawPath: path,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(activity),
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } },
  };
}
