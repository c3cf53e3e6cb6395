/**
 * End-to-end run of the Teams bot in Microsoft's local Teams emulator, the Microsoft 365 Agents Playground,
 * driven with Playwright and Debian's Chromium. On demand, not part of `npm test` (it needs Chromium):
 *
 *     apt-get install chromium      # once
 *     npx tsx test/e2e/teams-playground.ts
 *
 * What runs, all on 127.0.0.1 and nothing else:
 * - the bot (`createTeamsBot`, the same code as the Lambda) with the audit trail in dynalite;
 * - a front door standing in for the Azure Bot Service: the playground sends activities without a token
 *   (it only signs with a real Entra app), so the front door signs each one with a key served from a local
 *   OpenID endpoint, and the bot validates it exactly as in production;
 * - the playground (`agentsplayground`, TEAMSAPPTESTER_BROWSER=none), whose mock connector the bot posts to;
 * - Chromium, showing the playground's chat.
 * Steps: the playground installs the bot (the bot stores the conversation reference), the notifier's Teams
 * publisher posts an alert card there, a person presses Justify and types a reason, the card is replaced
 * with the justified one, and the trail records it. The updated card is saved as docs/teams-playground.png.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { BotConnectorClient } from '../../src/adapters/teams/bot-connector';
import { TeamsCardPublisher } from '../../src/adapters/teams/card-publisher';
import { EntraTokenSource } from '../../src/adapters/teams/entra-token';
import {
  type ConversationReferenceStore,
  InMemoryConversationReferenceStore,
  type TeamsConversationReference,
} from '../../src/notify/teams/conversations';
import { createLogger } from '../../src/shared/logger';
import { createTeamsBot, type TeamsBot } from '../../src/teams/app';
import { teamsCloud } from '../../src/teams/config';
import { createTriagePolicy, TriagePolicySchema } from '../../src/triage/policy';
import { openSecretDeletion } from '../fixtures/cards';
import { aTrail, startTestDynamo } from '../support/dynamo';
import { anHttpApiEvent } from '../teams/support/activities';
import {
  BOT_FRAMEWORK_ISSUER,
  channelClaims,
  type IdentityServer,
  startIdentityServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TEST_TENANT_ID,
} from '../teams/support/identity-server';

const ROOT = resolve(import.meta.dirname ?? '.', '../..');
const SCREENSHOT = resolve(ROOT, 'docs/teams-playground.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REASON = 'Rotating the DB credentials after the vendor incident (OPS-1234)';

const say = (line: string) => process.stdout.write(`[e2e] ${line}\n`);

async function main(): Promise<void> {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  try {
    const dynamo = await startTestDynamo({ tableName: 'eks-audit-teams-e2e' });
    cleanups.push(() => dynamo.close());
    const trail = aTrail(dynamo);
    const { alert } = await trail.createAlert(openSecretDeletion.finding, new Date());
    say(`alert ${alert.id} stored in the trail (dynalite ${dynamo.endpoint})`);

    const identity = await startIdentityServer();
    cleanups.push(() => identity.close());
    // The bot's store, recording what it saves so the script learns the playground's conversation.
    const references = new InMemoryConversationReferenceStore();
    const installed: TeamsConversationReference[] = [];
    const conversations: ConversationReferenceStore = {
      save: async (reference) => {
        installed.push(reference);
        await references.save(reference);
      },
      get: (conversationId) => references.get(conversationId),
    };
    const tokens = new EntraTokenSource({
      credentials: { appId: TEST_APP_ID, appPassword: TEST_APP_PASSWORD, tenantId: TEST_TENANT_ID },
      loginEndpoint: identity.loginEndpoint,
      nowMs: Date.now,
    });
    const bot = await createTeamsBot({
      appId: TEST_APP_ID,
      tenantId: TEST_TENANT_ID,
      cloud: teamsCloud({
        TEAMS_OPENID_METADATA_URL: identity.openIdMetadataUrl,
        TEAMS_TOKEN_ISSUER: BOT_FRAMEWORK_ISSUER,
        TEAMS_LOGIN_ENDPOINT: identity.loginEndpoint,
      }),
      tokens,
      trail,
      facts: { listFacts: async () => ({ facts: [], skipped: 0 }) },
      policy: createTriagePolicy(TriagePolicySchema.parse({})),
      conversations,
      escalations: [],
      defaultServiceUrl: 'http://127.0.0.1:1/unused',
      clock: () => new Date(),
      log: createLogger({ level: 'info', write: (line) => say(`bot: ${line}`) }),
    });
    const door = await startFrontDoor(bot, identity);
    cleanups.push(() => new Promise((done) => door.close(done)));
    const doorUrl = `http://127.0.0.1:${(door.address() as AddressInfo).port}/api/messages`;
    say(`bot behind a signing front door at ${doorUrl}`);

    const playground = await startPlayground(doorUrl);
    cleanups.push(() => playground.process.kill('SIGTERM'));
    say(`playground at ${playground.url}`);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
    await page.goto(playground.url, { waitUntil: 'domcontentloaded' });

    // Opening the chat installs the bot: it stores the conversation reference and says hello.
    const reference = await waitFor(async () => installed[0], 30_000, 'installation');
    say(`installed in conversation ${reference.conversationId} (service ${reference.serviceUrl})`);
    await page.getByText('eks-audit-bot is installed').first().waitFor({ timeout: 30_000 });

    // The notifier's path: the Teams publisher posts the card into the captured conversation.
    const publisher = new TeamsCardPublisher({
      connector: new BotConnectorClient({ tokens: { token: () => tokens.token() } }),
      conversations,
      defaultServiceUrl: reference.serviceUrl,
    });
    const posted = await publisher.post(alert, { channel: reference.conversationId });
    await trail.recordMessage(alert.id, posted);
    say(`card posted: activity ${posted.messageId}`);

    await page.getByText(alert.finding.summary).first().waitFor({ timeout: 30_000 });
    say('card shown in the playground');
    await page.getByRole('button', { name: 'Justify' }).last().click();
    await page.getByLabel('Why was this change made?').last().fill(REASON);
    await page.getByRole('button', { name: 'Record justification' }).last().click();
    await page
      .getByText(/Justified by .*Rotating the DB credentials/)
      .first()
      .waitFor({ timeout: 30_000 });
    say('card replaced with the justified one');

    const stored = await trail.getAlert(alert.id);
    const justification = stored?.responses.find((r) => r.action === 'justify');
    if (!justification || justification.text !== REASON) throw new Error('the trail has no justification');
    say(
      `trail: ${stored?.status}, justified by ${justification.by.name} (${justification.by.platform}:${justification.by.userId}${justification.by.email ? `, ${justification.by.email}` : ''}) at ${justification.at}`,
    );

    await page
      .getByText(/Justified by/)
      .first()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    say(`screenshot saved: ${SCREENSHOT}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  }
}

/**
 * Stands in for the Azure Bot Service between the channel and the bot: signs each activity the playground
 * sends (which it sends unsigned) with the local test key, for the activity's own service URL.
 */
async function startFrontDoor(bot: TeamsBot, identity: IdentityServer): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (req.method !== 'POST') {
        res.writeHead(200).end();
        return;
      }
      const activity = JSON.parse(body) as { serviceUrl?: string };
      const token = identity.sign(channelClaims({ serviceUrl: activity.serviceUrl ?? '' }));
      const result = await bot.handle(anHttpApiEvent(activity, token));
      res.writeHead(result.statusCode, result.headers).end(result.body);
    })().catch((error: unknown) => {
      say(`front door error: ${String(error)}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the playground CLI (no browser of its own, no telemetry) and waits until it listens. */
async function startPlayground(botEndpoint: string): Promise<{ url: string; process: ChildProcess }> {
  const cli = resolve(ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js');
  const child = spawn(process.execPath, [cli, '-e', botEndpoint, '-c', 'msteams', '--dt', '-p', '0'], {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => say(`playground: ${chunk.toString().trim()}`));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the playground did not start within 60 s')), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /Listening on (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        done(Number(match[1]));
      }
    });
    child.on('exit', (code) => fail(new Error(`the playground exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, process: child };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`timed out waiting for the ${what}`);
}

main().then(
  () => say('PASS'),
  (error: unknown) => {
    say(`FAIL: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
