import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditTrail } from '../../src/adapters/dynamodb/audit-trail';
import { SlackCardPublisher } from '../../src/adapters/slack/slack-card-publisher';
import { createSlackWebClient } from '../../src/adapters/slack/web-client';
import { type SlackHttpServer, startSlackHttpServer } from '../../src/bot/http';
import { triagePolicyFromEnv } from '../../src/bot/policy-config';
import { buildSlackServices } from '../../src/bot/services';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { silentLogger } from '../../src/shared/logger';
import { aFinding } from '../support/builders';
import { startTestDynamo, type TestDynamo } from '../support/dynamo';
import { testWebClient } from '../support/slack-client';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { NOW } from './support/harness';
import { aButtonClick, alice, bob } from './support/payloads';
import {
  interactionBody,
  type Signing,
  signatureHeaders,
  TEST_SIGNING_SECRET,
} from './support/signed-requests';

describe('Slack app over plain HTTP (local runs)', () => {
  let dynamo: TestDynamo;
  let slack: SlackServer;
  let server: SlackHttpServer;
  let trail: DynamoAuditTrail;

  beforeAll(async () => {
    [dynamo, slack] = await Promise.all([
      startTestDynamo(),
      startSlackServer({ channels: ['C0ALERTS'], users: [alice, bob] }),
    ]);
    trail = new DynamoAuditTrail({ client: dynamo.client, tableName: dynamo.tableName });
    const client = createSlackWebClient({
      token: slack.token,
      profile: 'interactive',
      slackApiUrl: slack.apiUrl,
    });
    const policy = triagePolicyFromEnv({ ACK_ALLOWED: [], ESCALATE_ALLOWED: [] });
    const services = buildSlackServices({ client, trail, policy, clock: () => NOW, log: silentLogger });
    server = await startSlackHttpServer({
      signingSecret: TEST_SIGNING_SECRET,
      token: slack.token,
      services,
      clientOptions: { slackApiUrl: slack.apiUrl },
      // Answer after the listener finished, so the test reads the trail after the response (as on Lambda).
      processBeforeResponse: true,
    });
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([dynamo.close(), slack.close()]);
  });

  const click = async (alertId: string, ts: string, signing: Signing = 'valid') => {
    const body = interactionBody(aButtonClick({ actionId: SlackActionIds.acknowledge, alertId, ts }));
    return fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body, signing) },
      body,
    });
  };
  const postAlert = async (id: string) => {
    const { alert } = await trail.createAlert(aFinding({ id }), NOW);
    const card = await new SlackCardPublisher(testWebClient(slack)).post(alert, { channel: 'C0ALERTS' });
    await trail.recordMessage(alert.id, card);
    return { alert, card };
  };

  it('serves the same listeners: a signed Acknowledge is recorded and the card updated', async () => {
    const { alert, card } = await postAlert('f-http-1');

    const response = await click(alert.id, card.messageId);

    expect(response.status).toBe(200);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
    expect((await trail.getAlert(alert.id))?.responses).toEqual([
      expect.objectContaining({ action: 'acknowledge', by: expect.objectContaining({ userId: 'U0BOB' }) }),
    ]);
    expect(slack.message('C0ALERTS', card.messageId)?.versions).toHaveLength(2);
  });

  it.each<Signing>(['forged', 'unsigned', 'expired'])(
    'rejects a %s request with 401 and records nothing',
    async (signing) => {
      const { alert, card } = await postAlert(`f-http-${signing}`);

      const response = await click(alert.id, card.messageId, signing);

      expect(response.status).toBe(401);
      expect((await trail.getAlert(alert.id))?.responses).toEqual([]);
    },
  );
});
