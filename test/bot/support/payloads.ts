import { buttonValue, type SlackActionId } from '../../../src/notify/slack/action-ids';

/** Builders of the interaction payloads Slack sends, with only what matters overridable. */

export const TEAM = { id: 'T0EKSAUDIT', domain: 'eks-audit-test' } as const;

/** A person in the fake workspace (and the payloads). */
export interface TestUser {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

export const alice: TestUser = { id: 'U0ALICE', name: 'alice', email: 'alice@example.com' };
export const bob: TestUser = { id: 'U0BOB', name: 'bob', email: 'bob@example.com' };
export const carol: TestUser = { id: 'U0CAROL', name: 'carol', email: 'carol@example.com' };

/** A `block_actions` payload: `user` clicked `actionId` on the card `channel`/`ts` of `alertId`. */
export function aButtonClick(options: {
  actionId: SlackActionId;
  alertId: string;
  user?: TestUser | undefined;
  channel?: string;
  ts?: string;
  responseUrl?: string;
  triggerId?: string;
  value?: string;
}) {
  const user = options.user ?? bob;
  const channel = options.channel ?? 'C0ALERTS';
  const ts = options.ts ?? '1763647201.000001';
  return {
    type: 'block_actions',
    team: TEAM,
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
    api_app_id: 'A0EKSAUDIT',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    trigger_id: options.triggerId ?? '1234567890.123456789.abcdef',
    channel: { id: channel, name: 'alerts' },
    message: { type: 'message', ts, text: 'card', user: 'U0BOT', bot_id: 'B0BOT' },
    response_url: options.responseUrl ?? 'https://hooks.slack.com/actions/T0EKSAUDIT/1/unused',
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'actions',
        value: options.value ?? buttonValue(options.alertId),
        action_ts: '1763647260.000100',
      },
    ],
  };
}

/** A `view_submission` payload of one of our modals: `values` by block id. */
export function aViewSubmission(options: {
  callbackId: string;
  privateMetadata: string;
  values: Record<string, string | null>;
  user?: TestUser | undefined;
}) {
  const user = options.user ?? bob;
  const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const [block, value] of Object.entries(options.values)) {
    state[block] = { [`${block}_input`]: { type: 'plain_text_input', value } };
  }
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM.id },
    api_app_id: 'A0EKSAUDIT',
    token: 'legacy-verification-token',
    trigger_id: '1234567890.223456789.abcdef',
    view: {
      id: 'V0MODAL',
      team_id: TEAM.id,
      type: 'modal',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata,
      state: { values: state },
      hash: '1763647260.abc',
    },
    response_urls: [],
  };
}
