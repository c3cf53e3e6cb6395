import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPipeline } from '../../src/local/pipeline';
import { WEBHOOK_MAX_BODY_BYTES } from '../../src/local/webhook';
import {
  aLeaseRenewal,
  anEventList,
  aSecretDeletion,
  postAudit,
  startTestPipeline,
  tempDataDir,
} from './support';

describe('the audit webhook endpoint (kube-apiserver webhook backend)', () => {
  const dir = tempDataDir();
  let pipeline: LocalPipeline;
  let url: string;
  let cards: string[];
  let logs: string[];

  beforeAll(async () => {
    ({ pipeline, cards, logs } = await startTestPipeline(dir.path));
    url = pipeline.server?.url ?? '';
  });
  afterAll(async () => {
    await pipeline.close();
    dir.remove();
  });

  const openSummaries = async () =>
    (await pipeline.store.trail.listOpen({ limit: 100 })).items.map((alert) => alert.finding.summary);

  it('takes an EventList, answers 200 with the counts, stores the finding and prints its card', async () => {
    const list = anEventList([aSecretDeletion({ auditID: 'a-good-1' }), aLeaseRenewal('a-lease-1')]);

    const { status, body } = await postAudit(url, list);
    await pipeline.idle();

    expect(status).toBe(200);
    expect(body).toEqual({ events: 2, findings: 1, skipped: { 'no rule matched': 1 } });
    expect(await openSummaries()).toContain('alice@example.com deleted secret kube-system/db-creds on local');
    expect(cards.join('')).toContain(
      '── HIGH ── alice@example.com deleted secret kube-system/db-creds on local',
    );
  });

  it('skips and counts a bad item inside an EventList, and keeps the good ones of the same batch', async () => {
    const list = anEventList([
      { kind: 'Event', verb: 42 },
      aSecretDeletion({ auditID: 'a-good-2', objectRef: { name: 'api-key' } }),
    ]);

    const { status, body } = await postAudit(url, list);
    await pipeline.idle();

    expect(status).toBe(200);
    expect(body).toEqual({ events: 2, findings: 1, skipped: { 'not-audit-event': 1 } });
    expect(await openSummaries()).toContain('alice@example.com deleted secret kube-system/api-key on local');
  });

  const big = `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${'"x",'.repeat(WEBHOOK_MAX_BODY_BYTES / 4)}"x"]}`;
  const streamed = (text: string) =>
    new ReadableStream({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let at = 0; at < bytes.length; at += 1 << 20)
          controller.enqueue(bytes.subarray(at, at + (1 << 20)));
        controller.close();
      },
    });

  it.each([
    ['not JSON', '{"kind":"EventList",', {}, 400, 'malformed-json', /not valid JSON/],
    [
      'JSON that is not an EventList',
      { kind: 'Pod', apiVersion: 'v1' },
      {},
      400,
      'not-event-list',
      /kind must be "EventList"/,
    ],
    [
      'a bare array of events',
      [aSecretDeletion()],
      {},
      400,
      'not-event-list',
      /expected an audit.k8s.io\/v1 EventList/,
    ],
    [
      'an EventList of another API',
      { ...anEventList([]), apiVersion: 'v1' },
      {},
      400,
      'not-event-list',
      /apiVersion must be audit.k8s.io\/v1/,
    ],
    [
      'the wrong content type',
      anEventList([]),
      { 'content-type': 'text/plain' },
      415,
      'wrong-content-type',
      /must be application\/json, got "text\/plain"/,
    ],
    [
      'a compressed body',
      anEventList([]),
      { 'content-encoding': 'gzip' },
      415,
      'wrong-content-type',
      /Content-Encoding "gzip" is not supported/,
    ],
    ['a body over the limit', big, {}, 413, 'too-large', /over the limit of 10485760 bytes/],
  ] as const)(
    'refuses %s with a clear 4xx and counts it',
    async (_, body, headers, status, error, message) => {
      const before = pipeline.webhook.rejected[error] ?? 0;

      const response = await postAudit(url, body, headers);

      expect(response.status).toBe(status);
      expect(response.body.error).toBe(error);
      expect(response.body.message).toMatch(message);
      expect(pipeline.webhook.rejected[error]).toBe(before + 1);
      expect(logs.at(-1)).toMatch(
        new RegExp(`^warn: webhook request refused: status=${status} error=${error}`),
      );
    },
  );

  it('refuses a body that grows past the limit while streaming (no Content-Length)', async () => {
    const before = pipeline.webhook.rejected['too-large'] ?? 0;
    const response = await fetch(`${url}/audit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: streamed(big),
      duplex: 'half',
    } as RequestInit);

    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('too-large');
    expect(pipeline.webhook.rejected['too-large']).toBe(before + 1);
  });

  it('still processes a good batch after the bad ones, and /healthz reports every count', async () => {
    const { status } = await postAudit(
      url,
      anEventList([aSecretDeletion({ auditID: 'a-good-3', objectRef: { name: 'after-the-bad-ones' } })]),
    );
    await pipeline.idle();
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; webhook: unknown };

    expect(status).toBe(200);
    expect(await openSummaries()).toContain(
      'alice@example.com deleted secret kube-system/after-the-bad-ones on local',
    );
    expect(health.status).toBe('ok');
    expect(health.webhook).toEqual({
      accepted: 3,
      rejected: { 'malformed-json': 1, 'not-event-list': 3, 'wrong-content-type': 2, 'too-large': 2 },
      events: 5,
      findings: 3,
      skipped: { 'no rule matched': 1, 'not-audit-event': 1 },
    });
  });

  it('answers 405 to another method on /audit and 404 elsewhere, with a JSON body', async () => {
    const get = await fetch(`${url}/audit`);
    const elsewhere = await fetch(`${url}/nope`, { method: 'POST' });

    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { message: string }).message).toContain(
      'POST audit events to /audit',
    );
  });
});
