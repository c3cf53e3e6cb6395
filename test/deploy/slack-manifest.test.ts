import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  fillManifest,
  ManifestInputError,
  PLACEHOLDER_URL,
  slackRequestUrlFrom,
} from '../../scripts/slack-manifest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifestText = readFileSync(`${root}slack/manifest.yaml`, 'utf8');
const api = 'https://k3x9q2abcd.execute-api.eu-west-1.amazonaws.com';
const requestUrl = `${api}/slack/events`;

/** What `osls info --verbose` prints after a deploy (colours included: osls styles the section names). */
const oslsInfo = [
  '\u001b[90mservice:\u001b[39m eks-audit-bot',
  '\u001b[90mstage:\u001b[39m prod',
  '\u001b[90mregion:\u001b[39m eu-west-1',
  '\u001b[90mstack:\u001b[39m eks-audit-bot-prod',
  `\u001b[90mendpoint:\u001b[39m POST - ${requestUrl}`,
  '\u001b[90mfunctions:\u001b[39m',
  '  ingest: eks-audit-bot-prod-ingest (239 kB)',
  '',
  '\u001b[90mStack Outputs:\u001b[39m',
  '  FindingsTopicArn: arn:aws:sns:eu-west-1:111122223333:eks-audit-bot-prod-findings',
  `  SlackRequestUrl: ${requestUrl}`,
  `  HttpApiUrl: ${api}`,
].join('\n');

const describeStacks = (outputs: { OutputKey: string; OutputValue: string }[]) =>
  JSON.stringify({ Stacks: [{ StackName: 'eks-audit-bot-prod', Outputs: outputs }] });

describe('slackRequestUrlFrom', () => {
  it('reads the SlackRequestUrl output of osls info --verbose', () => {
    expect(slackRequestUrlFrom(oslsInfo)).toBe(requestUrl);
  });

  it('reads describe-stacks JSON, whole or only its Outputs', () => {
    const outputs = [{ OutputKey: 'SlackRequestUrl', OutputValue: requestUrl }];
    expect(slackRequestUrlFrom(describeStacks(outputs))).toBe(requestUrl);
    expect(slackRequestUrlFrom(JSON.stringify(outputs))).toBe(requestUrl);
  });

  it('falls back on HttpApiUrl plus the route, then on the endpoint line', () => {
    expect(slackRequestUrlFrom(describeStacks([{ OutputKey: 'HttpApiUrl', OutputValue: `${api}/` }]))).toBe(
      requestUrl,
    );
    expect(slackRequestUrlFrom(`endpoint: POST - ${requestUrl}\nfunctions:\n`)).toBe(requestUrl);
  });

  it('says what it looked for when the output has no URL', () => {
    expect(() => slackRequestUrlFrom('service: eks-audit-bot\n')).toThrow(ManifestInputError);
    expect(() => slackRequestUrlFrom('service: eks-audit-bot\n')).toThrow(/SlackRequestUrl or HttpApiUrl/);
  });

  it('refuses a URL that is not the API Gateway route of the Slack function', () => {
    const plain = describeStacks([
      { OutputKey: 'SlackRequestUrl', OutputValue: 'http://example.com/slack/events' },
    ]);
    expect(() => slackRequestUrlFrom(plain)).toThrow(/not an https API Gateway URL/);
    expect(() => slackRequestUrlFrom('{"Stacks": [')).toThrow(/looks like JSON but is not/);
  });
});

describe('fillManifest', () => {
  it('sets the slash command and interactivity URLs, and nothing else', () => {
    const filled = fillManifest(manifestText, requestUrl);
    expect(filled).not.toContain(PLACEHOLDER_URL);
    const expected = parse(manifestText) as Record<string, Record<string, unknown>>;
    const commands = expected.features?.slash_commands as { url: string }[];
    for (const command of commands) command.url = requestUrl;
    (expected.settings?.interactivity as { request_url: string }).request_url = requestUrl;
    expect(parse(filled)).toEqual(expected);
    expect(filled).toContain('# The Slack app of eks-audit-bot');
  });

  it('renames the app and its bot user when asked, e.g. one app per stage', () => {
    const filled = parse(fillManifest(manifestText, requestUrl, { name: 'EKS Audit (prod)' }));
    expect(filled.display_information.name).toBe('EKS Audit (prod)');
    expect(filled.features.bot_user.display_name).toBe('EKS Audit (prod)');
  });
});

describe('slack/manifest.yaml', () => {
  const manifest = parse(manifestText);

  it('declares /eks-audit, interactivity, no Socket Mode, and the least scopes', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: '/eks-audit',
        url: PLACEHOLDER_URL,
        usage_hint: expect.any(String),
      }),
    ]);
    expect(manifest.settings).toMatchObject({
      interactivity: { is_enabled: true, request_url: PLACEHOLDER_URL },
      socket_mode_enabled: false,
    });
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'chat:write',
      'commands',
      'users:read',
      'users:read.email',
      'usergroups:read',
    ]);
  });

  /** The scope each Web API method the bot calls needs (none: allowed with any bot token). */
  const scopeOf: Record<string, string | null> = {
    'chat.postMessage': 'chat:write',
    'chat.update': 'chat:write',
    'chat.postEphemeral': 'chat:write',
    'chat.getPermalink': null,
    'users.info': 'users:read',
    'users.lookupByEmail': 'users:read.email',
    'usergroups.users.list': 'usergroups:read',
    'views.open': null,
    'views.update': null,
    'views.push': null,
    'auth.test': null,
  };

  it('grants a scope for every Slack Web API method the bot calls', () => {
    const sources = ['src/adapters/slack', 'src/bot'].flatMap((dir) =>
      readdirSync(`${root}${dir}`, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => readFileSync(`${root}${dir}/${file}`, 'utf8')),
    );
    const called = new Set(
      sources.flatMap((text) =>
        [
          ...text.matchAll(/client\.((?:chat|users|usergroups|views|auth|conversations)(?:\.[A-Za-z]+)+)\(/g),
        ].map((m) => m[1] ?? ''),
      ),
    );
    expect(called.size).toBeGreaterThan(0);
    const unknown = [...called].filter((method) => !(method in scopeOf));
    expect(unknown, 'methods missing from the scope table of this test').toEqual([]);
    const needed = [...called].map((method) => scopeOf[method]).filter((scope) => scope != null);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(needed));
  });
});

describe('scripts/slack-manifest.ts', () => {
  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', `${root}scripts/slack-manifest.ts`, ...args], {
      input,
      encoding: 'utf8',
      cwd: root,
    });

  it('prints the filled manifest from osls info on standard input', () => {
    const result = run([], oslsInfo);
    expect(result.status).toBe(0);
    expect(parse(result.stdout).settings.interactivity.request_url).toBe(requestUrl);
  });

  it('exits 2 with a message when the input has no URL', () => {
    const result = run([], 'nothing here\n');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no SlackRequestUrl or HttpApiUrl found');
  });
});
