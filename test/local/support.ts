import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io';
import { type LocalPipeline, type LocalPipelineOptions, startLocalPipeline } from '../../src/local/pipeline';
import { terminalLogger } from '../../src/local/terminal-log';
import type { Logger } from '../../src/shared/logger';
import { TEST_SIGNING_SECRET } from '../bot/support/signed-requests';
import { anAuditEvent, type RawOverrides } from '../support/audit-builders';
import type { SlackServer } from '../support/slack-server';

/** The fixed time of everything the pipeline stamps (detectedAt, createdAt, responses). */
export const NOW = new Date('2026-11-20T14:05:00.000Z');
export const clock = () => NOW;

/** A fresh data folder under the system temp folder; `remove()` deletes it. */
export function tempDataDir(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'eks-audit-local-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A logger that keeps the lines it would print (the terminal logger, at info level). */
export function recordingLog(): { readonly log: Logger; readonly lines: string[] } {
  const lines: string[] = [];
  return { log: terminalLogger((line) => lines.push(line), 'info'), lines };
}

/** The pipeline on a temp data folder, port 0, no Slack, cards kept in `cards`. */
export async function startTestPipeline(
  dataDir: string,
  overrides: Partial<LocalPipelineOptions> = {},
): Promise<{ pipeline: LocalPipeline; cards: string[]; logs: string[] }> {
  const cards: string[] = [];
  const { log, lines } = recordingLog();
  const pipeline = await startLocalPipeline({
    dataDir,
    serve: { host: '127.0.0.1', port: 0 },
    env: {},
    cwd: process.cwd(),
    clock,
    log,
    cards: { write: (text) => cards.push(text), color: false },
    ...overrides,
  });
  return { pipeline, cards, logs: lines };
}

/**
 * The pipeline with Slack in HTTP mode against the recording Slack server (cards in `C0ALERTS` unless `env`
 * says otherwise), no client retries; `url` is the local server's, for the webhook and `/slack/events`.
 */
export async function startSlackHttpPipeline(
  dataDir: string,
  slack: SlackServer,
  env: NodeJS.ProcessEnv = {},
): Promise<{ pipeline: LocalPipeline; url: string }> {
  const { pipeline } = await startTestPipeline(dataDir, {
    env: {
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_CHANNEL: 'C0ALERTS',
      SLACK_API_URL: slack.apiUrl,
      ...env,
    },
    slackRetryConfig: { retries: 0 },
  });
  return { pipeline, url: pipeline.server?.url ?? '' };
}

/** An audit.k8s.io/v1 EventList, as kube-apiserver's webhook backend POSTs it. */
export function anEventList(items: readonly unknown[]) {
  return { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items };
}

/** A person's change that the default rules report: alice deletes a Secret in kube-system (one finding). */
export function aSecretDeletion(overrides: RawOverrides = {}) {
  return anAuditEvent(overrides);
}

/** A change nobody alerts on: a service account updates a lease. */
export function aLeaseRenewal(auditID: string) {
  return anAuditEvent({
    auditID,
    verb: 'update',
    user: {
      username: 'system:serviceaccount:kube-system:leader-elector',
      groups: ['system:serviceaccounts'],
    },
    objectRef: {
      resource: 'leases',
      namespace: 'kube-system',
      name: 'leader',
      apiGroup: 'coordination.k8s.io',
      apiVersion: 'v1',
    },
    requestURI: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/leader',
  });
}

/** POSTs JSON to the local server's webhook. */
export async function postAudit(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/audit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A CliIo whose output the test reads. */
export function memoryIo(env: NodeJS.ProcessEnv = {}): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const stdin = new PassThrough();
  stdin.end();
  return { io: { stdin, stdout, stderr, cwd: process.cwd(), env }, out: () => out, err: () => err };
}
