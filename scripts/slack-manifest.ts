import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { EksAuditError } from '../src/shared/errors';

/**
 * Prints slack/manifest.yaml with its request URLs set to a deployment's, read from what the deployment
 * printed: the text of `osls info --verbose`, or the JSON of
 * `aws cloudformation describe-stacks --stack-name <stack>` (whole, or only `Stacks[0].Outputs`).
 *
 *   npx osls info --verbose --stage prod | npx tsx scripts/slack-manifest.ts
 *   aws cloudformation describe-stacks --stack-name eks-audit-bot-prod | npx tsx scripts/slack-manifest.ts
 *   npx tsx scripts/slack-manifest.ts --url https://abc123.execute-api.eu-west-1.amazonaws.com/slack/events
 *   ... --input outputs.json --name "EKS Audit (prod)"
 */

/** The placeholder in slack/manifest.yaml. */
export const PLACEHOLDER_URL = 'https://EXAMPLE.execute-api.REGION.amazonaws.com/slack/events';
const SLACK_PATH = '/slack/events';
const API_URL = /^https:\/\/[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/slack\/events$/;

/** The deployment's output could not be read, or gave no usable URL. */
export class ManifestInputError extends EksAuditError {
  override readonly name = 'ManifestInputError';
  constructor(message: string) {
    super('MANIFEST_INPUT', message);
  }
}

interface StackOutput {
  readonly OutputKey?: string;
  readonly OutputValue?: string;
}

/**
 * The Slack request URL in a deployment's output: the `SlackRequestUrl` stack output, else `HttpApiUrl` plus
 * `/slack/events`, else the `POST - https://.../slack/events` endpoint line of `osls info`.
 *
 * @example
 * slackRequestUrlFrom('Stack Outputs:\n  HttpApiUrl: https://abc.execute-api.eu-west-1.amazonaws.com')
 * // => 'https://abc.execute-api.eu-west-1.amazonaws.com/slack/events'
 */
export function slackRequestUrlFrom(output: string): string {
  const outputs = stackOutputs(output);
  const url =
    outputs.get('SlackRequestUrl') ??
    (outputs.has('HttpApiUrl')
      ? `${outputs.get('HttpApiUrl')?.replace(/\/$/, '')}${SLACK_PATH}`
      : undefined) ??
    stripAnsi(output).match(/POST - (https:\/\/\S+\/slack\/events)/)?.[1];
  if (url === undefined) {
    throw new ManifestInputError(
      'no SlackRequestUrl or HttpApiUrl found: pass the output of `osls info --verbose` or of ' +
        '`aws cloudformation describe-stacks`, or --url',
    );
  }
  return checkedUrl(url);
}

/** Checks that `url` is an API Gateway URL ending in /slack/events (what the Slack function answers). */
export function checkedUrl(url: string): string {
  if (!API_URL.test(url)) {
    throw new ManifestInputError(`${url} is not an https API Gateway URL ending in ${SLACK_PATH}`);
  }
  return url;
}

function stackOutputs(output: string): Map<string, string> {
  const trimmed = output.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new ManifestInputError(`the input looks like JSON but is not: ${(error as Error).message}`);
    }
    const stacks = (json as { Stacks?: { Outputs?: StackOutput[] }[] }).Stacks;
    const list = Array.isArray(json) ? (json as StackOutput[]) : (stacks?.[0]?.Outputs ?? []);
    return new Map(list.map((o) => [String(o.OutputKey), String(o.OutputValue)]));
  }
  const lines = stripAnsi(output).split('\n');
  const pairs = lines.map((line) => line.match(/^\s*(\w+): (https:\/\/\S+)\s*$/)).filter((m) => m !== null);
  return new Map(pairs.map((m) => [m[1] ?? '', m[2] ?? '']));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * The manifest with both request URLs (slash command and interactivity) set, comments kept.
 *
 * @example
 * fillManifest(readFileSync('slack/manifest.yaml', 'utf8'), url, { name: 'EKS Audit (prod)' })
 */
export function fillManifest(manifest: string, requestUrl: string, options: { name?: string } = {}): string {
  const document = parseDocument(manifest);
  const commands = document.getIn(['features', 'slash_commands']);
  const count = (commands as { items?: unknown[] } | undefined)?.items?.length ?? 0;
  for (let i = 0; i < count; i++)
    document.setIn(['features', 'slash_commands', i, 'url'], checkedUrl(requestUrl));
  document.setIn(['settings', 'interactivity', 'request_url'], requestUrl);
  if (options.name) {
    document.setIn(['display_information', 'name'], options.name);
    document.setIn(['features', 'bot_user', 'display_name'], options.name);
  }
  return document.toString({ lineWidth: 0 });
}

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function main(argv: readonly string[]): number {
  try {
    const url = flag(argv, '--url');
    const input = flag(argv, '--input');
    const requestUrl = url ? checkedUrl(url) : slackRequestUrlFrom(readFileSync(input ?? 0, 'utf8'));
    const manifestPath = fileURLToPath(new URL('../slack/manifest.yaml', import.meta.url));
    const name = flag(argv, '--name');
    process.stdout.write(fillManifest(readFileSync(manifestPath, 'utf8'), requestUrl, name ? { name } : {}));
    return 0;
  } catch (error) {
    process.stderr.write(`slack-manifest: ${(error as Error).message}\n`);
    return error instanceof ManifestInputError ? 2 : 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
