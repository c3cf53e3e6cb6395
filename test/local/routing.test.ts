import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPipeline } from '../../src/local/pipeline';
import { localSlackConfig } from '../../src/local/slack-config';
import { type SlackServer, startSlackServer } from '../support/slack-server';
import { anEventList, aSecretDeletion, postAudit, startSlackHttpPipeline, tempDataDir } from './support';

/**
 * `ROUTING` in local mode: the same JSON setting as the deployed notifier, so routes can be tried before they are
 * deployed. End to end through the local server in Slack HTTP mode against the recording Slack server.
 */
describe('eks-audit start with ROUTING', () => {
  const dir = tempDataDir();
  let slack: SlackServer;
  let pipeline: LocalPipeline;
  let url: string;

  beforeAll(async () => {
    slack = await startSlackServer({ channels: ['C0ALERTS', 'C0PLATFORM'] });
    ({ pipeline, url } = await startSlackHttpPipeline(dir.path, slack, {
      ROUTING: JSON.stringify({ routes: [{ namespace: 'kube-system', channel: 'C0PLATFORM' }] }),
    }));
  });
  afterAll(async () => {
    await pipeline.close();
    await slack.close();
    dir.remove();
  });

  it('posts each card where the first matching route says, else in SLACK_CHANNEL', async () => {
    const events = [
      aSecretDeletion({ auditID: 'route-1' }),
      aSecretDeletion({
        auditID: 'route-2',
        verb: 'create',
        objectRef: {
          resource: 'pods',
          subresource: 'exec',
          namespace: 'payments',
          name: 'api-0',
          apiVersion: 'v1',
        },
        requestURI: '/api/v1/namespaces/payments/pods/api-0/exec?command=sh&stdin=true&tty=true',
      }),
    ];
    await postAudit(url, anEventList(events));
    await pipeline.idle();

    const posts = slack.callsTo('chat.postMessage').map((call) => ({
      channel: call.args.channel,
      text: String(call.args.text),
    }));
    expect(posts).toHaveLength(2);
    expect(posts).toContainEqual({
      channel: 'C0PLATFORM',
      text: expect.stringContaining('kube-system/db-creds'),
    });
    expect(posts).toContainEqual({ channel: 'C0ALERTS', text: expect.stringContaining('payments/api-0') });
  });
});

describe('local Slack settings with ROUTING', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };

  it("takes the default channel from ROUTING when SLACK_CHANNEL is unset, and ROUTING's first, as the notifier does", () => {
    const routing = JSON.stringify({ defaultChannel: 'C0ROUTED', routes: [] });
    expect(localSlackConfig({ ...base, ROUTING: routing })).toMatchObject({
      channel: 'C0ROUTED',
      routing: { defaultChannel: 'C0ROUTED', routes: [] },
    });
    expect(localSlackConfig({ ...base, ROUTING: routing, SLACK_CHANNEL: 'C0OTHER' })).toMatchObject({
      channel: 'C0ROUTED',
    });
    expect(localSlackConfig({ ...base, SLACK_CHANNEL: 'C0OTHER' })).toMatchObject({
      routing: { defaultChannel: 'C0OTHER', routes: [] },
    });
  });

  it('refuses ROUTING that is not JSON, or not a routing, naming the setting', () => {
    expect(() => localSlackConfig({ ...base, SLACK_CHANNEL: 'C1', ROUTING: '{routes:' })).toThrow(
      /ROUTING: is not valid JSON/,
    );
    expect(() =>
      localSlackConfig({ ...base, SLACK_CHANNEL: 'C1', ROUTING: '{"routes":[{"minSeverity":"urgent"}]}' }),
    ).toThrow(/ROUTING\.routes\.0\.minSeverity: /);
  });
});
