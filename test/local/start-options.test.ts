import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../src/cli/commands/start';
import { wantsColor } from '../../src/local/cli-color';
import { localSlackConfig } from '../../src/local/slack-config';
import { parseStartOptions } from '../../src/local/start-options';
import { memoryIo } from './support';

describe('parseStartOptions', () => {
  it('defaults to ./.data, 127.0.0.1:8787, the sample, and a server', () => {
    expect(parseStartOptions([], {}, '/home/you/eks-audit-bot')).toEqual({
      dataDir: '/home/you/eks-audit-bot/.data',
      host: '127.0.0.1',
      port: 8787,
      sample: true,
      files: [],
      once: false,
      verbose: false,
      help: false,
    });
  });

  it('takes options over the environment, and the environment over the defaults', () => {
    const env = { EKS_AUDIT_DATA_DIR: 'from-env', PORT: '9000', CLUSTER_NAME: 'kind-dev' };
    expect(parseStartOptions([], env, '/w')).toMatchObject({
      dataDir: '/w/from-env',
      port: 9000,
      cluster: 'kind-dev',
    });
    expect(
      parseStartOptions(
        [
          '--data-dir',
          '/tmp/x',
          '-p',
          '0',
          '--cluster',
          'minikube',
          '--no-sample',
          '--once',
          'a.jsonl',
          'b.gz',
        ],
        env,
        '/w',
      ),
    ).toMatchObject({
      dataDir: '/tmp/x',
      port: 0,
      cluster: 'minikube',
      sample: false,
      once: true,
      files: ['a.jsonl', 'b.gz'],
    });
  });

  it('names the bad option or setting', () => {
    expect(() => parseStartOptions(['--port', 'http'], {}, '/w')).toThrow(
      '--port must be a port number from 0 to 65535, got "http"',
    );
    expect(() => parseStartOptions([], { PORT: '70000' }, '/w')).toThrow(
      'PORT must be a port number from 0 to 65535, got "70000"',
    );
    expect(() => parseStartOptions(['--sample'], {}, '/w')).toThrow(/Unknown option '--sample'/);
  });
});

describe('eks-audit start (the command)', () => {
  it('answers a usage error with status 2 and the way to the help', async () => {
    const { io, err } = memoryIo();
    expect(await startCommand.run(['--port', 'nope'], io)).toBe(2);
    expect(err()).toContain('eks-audit start: --port must be a port number');
  });

  it('prints its help, including how to connect Slack', async () => {
    const { io, out } = memoryIo();
    expect(await startCommand.run(['--help'], io)).toBe(0);
    expect(out()).toContain('Usage: eks-audit start [FILE...] [options]');
    expect(out()).toContain('SLACK_APP_TOKEN=xapp-');
  });

  it('reports a bad setting by name and starts nothing', async () => {
    const { io, err } = memoryIo({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(
      await startCommand.run(['--once', '--no-sample', '--data-dir', '/nonexistent/never-created'], io),
    ).toBe(1);
    expect(err()).toContain('SLACK_CHANNEL is required with SLACK_BOT_TOKEN');
  });
});

describe('localSlackConfig', () => {
  it('prints cards without SLACK_BOT_TOKEN, uses Socket Mode with SLACK_APP_TOKEN, HTTP with SLACK_SIGNING_SECRET', () => {
    expect(localSlackConfig({}).mode).toBe('terminal');
    expect(
      localSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_CHANNEL: 'C1' }),
    ).toMatchObject({
      mode: 'socket',
      appToken: 'xapp-1',
      channel: 'C1',
    });
    expect(
      localSlackConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        SLACK_CHANNEL: 'C1',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      }),
    ).toMatchObject({ mode: 'http', signingSecret: 's', slackApiUrl: 'http://127.0.0.1:9/api/' });
  });
});

describe('wantsColor', () => {
  const tty = Object.assign(new PassThrough(), { isTTY: true });
  it('colours a terminal only, and never with NO_COLOR', () => {
    expect(wantsColor(tty, {})).toBe(true);
    expect(wantsColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(new PassThrough(), {})).toBe(false);
  });
});
