import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalPipeline } from '../../src/local/pipeline';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import type { Alert } from '../../src/triage/model';
import { aButtonClick, alice, bob } from '../bot/support/payloads';
import { interactionBody, type Signing, signatureHeaders } from '../bot/support/signed-requests';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { anEventList, aSecretDeletion, postAudit, startSlackHttpPipeline, tempDataDir } from './support';

/**
 * End to end, in this process: the local server with Slack in HTTP mode, pointed at the recording Slack
 * server of the tests (SLACK_API_URL). Audit events go in through the webhook; the card comes out as a
 * chat.postMessage; a signed Acknowledge click comes back in through Bolt at /slack/events of the same server.
 */
describe('eks-audit start with Slack (HTTP mode, against the recording Slack server)', () => {
  const dir = tempDataDir();
  let slack: SlackServer;
  let pipeline: LocalPipeline;
  let url: string;

  beforeAll(async () => {
    slack = await startSlackServer({ channels: ['C0ALERTS'], users: [alice, bob] });
    ({ pipeline, url } = await startSlackHttpPipeline(dir.path, slack));
  });
  afterAll(async () => {
    await pipeline.close();
    await slack.close();
    dir.remove();
  });

  const click = (alert: Alert, signing: Signing = 'valid') => {
    const card = alert.messages[0];
    if (!card) throw new Error('the alert has no card to click');
    const payload = aButtonClick({
      actionId: SlackActionIds.acknowledge,
      alertId: alert.id,
      channel: card.channel,
      ts: card.messageId,
      user: bob,
    });
    const body = interactionBody(payload);
    return fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body, signing) },
      body,
    });
  };

  let alert: Alert;

  it('turns an EventList posted to the webhook into a stored alert and a card in the channel', async () => {
    const { status } = await postAudit(url, anEventList([aSecretDeletion({ auditID: 'e2e-1' })]));
    await pipeline.idle();

    expect(status).toBe(200);
    const [stored] = (await pipeline.store.trail.listOpen({ limit: 10 })).items;
    expect(stored?.finding).toMatchObject({
      auditId: 'e2e-1',
      summary: 'alice@example.com deleted secret kube-system/db-creds on local',
    });
    const [post] = slack.callsTo('chat.postMessage');
    expect(post?.args.channel).toBe('C0ALERTS');
    expect(post?.args.text).toContain('alice@example.com deleted secret kube-system/db-creds on local');
    expect(stored?.messages).toEqual([
      expect.objectContaining({ platform: 'slack', channel: 'C0ALERTS', messageId: post?.response.ts }),
    ]);
    alert = stored as Alert;
  });

  it('refuses a forged click at /slack/events and records nothing', async () => {
    const response = await click(alert, 'forged');

    expect(response.status).toBe(401);
    expect((await pipeline.store.trail.getAlert(alert.id))?.responses).toEqual([]);
  });

  it('records a signed Acknowledge click in the trail and updates the card in place', async () => {
    const response = await click(alert);

    expect(response.status).toBe(200);
    await vi.waitFor(async () => {
      const now = await pipeline.store.trail.getAlert(alert.id);
      expect(now?.status).toBe('acknowledged');
      expect(now?.responses).toEqual([
        expect.objectContaining({
          action: 'acknowledge',
          by: expect.objectContaining({ platform: 'slack', userId: 'U0BOB', email: 'bob@example.com' }),
        }),
      ]);
    });
    await vi.waitFor(() => expect(slack.callsTo('chat.update')).toHaveLength(1));
    const [update] = slack.callsTo('chat.update');
    expect(update?.args).toMatchObject({ channel: 'C0ALERTS', ts: alert.messages[0]?.messageId });
    expect(JSON.stringify(update?.args.blocks)).toContain('Acknowledged by');
  });

  it('does not post a second card when the same events arrive again', async () => {
    await postAudit(url, anEventList([aSecretDeletion({ auditID: 'e2e-1' })]));
    await pipeline.idle();

    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(pipeline.notifications).toMatchObject({ newAlerts: 1, alreadyPosted: 1 });
  });
});
