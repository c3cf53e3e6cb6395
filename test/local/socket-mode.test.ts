import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalPipeline } from '../../src/local/pipeline';
import { localSlackConfig } from '../../src/local/slack-config';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { aButtonClick, alice, bob } from '../bot/support/payloads';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { type SocketModeServer, startSocketModeServer } from './socket-mode-server';
import { anEventList, aSecretDeletion, postAudit, startTestPipeline, tempDataDir } from './support';

const APP_TOKEN = 'xapp-1-A0EKSAUDIT-1-test';

/**
 * Socket Mode, without Slack: the pipeline's real SocketModeReceiver opens its connection through
 * `apps.connections.open` and a WebSocket to a local stand-in (socket-mode-server.ts), which then delivers a
 * button click as Slack would. Not covered: Slack's own servers (no network in tests).
 */
describe('eks-audit start with Slack in Socket Mode (against a local Socket Mode stand-in)', () => {
  const dir = tempDataDir();
  let slack: SlackServer;
  let socket: SocketModeServer;
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    slack = await startSlackServer({ channels: ['C0ALERTS'], users: [alice, bob] });
    socket = await startSocketModeServer({ appToken: APP_TOKEN, webApiUrl: slack.apiUrl });
    ({ pipeline } = await startTestPipeline(dir.path, {
      env: {
        SLACK_BOT_TOKEN: slack.token,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_CHANNEL: 'C0ALERTS',
        SLACK_API_URL: socket.apiUrl,
      },
      slackRetryConfig: { retries: 0 },
    }));
  });
  afterAll(async () => {
    await pipeline.close();
    await socket.close();
    await slack.close();
    dir.remove();
  });

  it('chooses Socket Mode when SLACK_APP_TOKEN is set, and connects with it before serving', async () => {
    expect(
      localSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: APP_TOKEN, SLACK_CHANNEL: 'C0ALERTS' })
        .mode,
    ).toBe('socket');
    expect(pipeline.slack?.mode).toBe('socket');
    await socket.connected();
    expect(socket.connectionsOpened).toBe(1);
    // No Slack endpoint on the local server: Slack talks to this process over the WebSocket.
    expect((await fetch(`${pipeline.server?.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('posts the card, then handles an Acknowledge click arriving over the WebSocket', async () => {
    await postAudit(pipeline.server?.url ?? '', anEventList([aSecretDeletion({ auditID: 'socket-1' })]));
    await pipeline.idle();
    const [alert] = (await pipeline.store.trail.listOpen({ limit: 10 })).items;
    const card = alert?.messages[0];
    expect(card).toMatchObject({ platform: 'slack', channel: 'C0ALERTS' });
    if (!alert || !card) return;

    const ack = await socket.deliver(
      aButtonClick({
        actionId: SlackActionIds.acknowledge,
        alertId: alert.id,
        channel: card.channel,
        ts: card.messageId,
        user: bob,
      }),
    );

    expect(ack.envelope_id).toEqual(expect.any(String));
    await vi.waitFor(async () =>
      expect((await pipeline.store.trail.getAlert(alert.id))?.status).toBe('acknowledged'),
    );
    await vi.waitFor(() => expect(slack.callsTo('chat.update')).toHaveLength(1));
    expect(slack.callsTo('chat.update')[0]?.args).toMatchObject({ channel: 'C0ALERTS', ts: card.messageId });
  });

  it('refuses a bad app token by name, at start', () => {
    expect(() =>
      localSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2', SLACK_CHANNEL: 'C1' }),
    ).toThrow(/SLACK_APP_TOKEN: must be an app-level token \(xapp-\.\.\.\)/);
    expect(() => localSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CHANNEL: 'C1' })).toThrow(
      /neither SLACK_APP_TOKEN .* nor SLACK_SIGNING_SECRET/,
    );
    expect(() => localSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: APP_TOKEN })).toThrow(
      /SLACK_CHANNEL is required/,
    );
  });
});
