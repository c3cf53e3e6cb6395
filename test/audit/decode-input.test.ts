import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  type DecodedItem,
  decodeInput,
  decodeInputBytes,
  detectFormat,
  formatDecodeStats,
  formatWhere,
} from '../../src/audit/decode/index';
import { logTimeIso } from '../../src/audit/timestamp';
import {
  ACCOUNT,
  aControlMessageEvent,
  anAuditEvent,
  aSubscriptionEvent,
  aSubscriptionPayload,
  truncated,
} from '../fixtures/audit/events';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/audit/${name}`, import.meta.url), 'utf8');

function auditIds(items: readonly DecodedItem[]): (string | undefined)[] {
  return items.flatMap((item) => (item.ok ? [item.event.auditID] : []));
}

function problems(items: readonly DecodedItem[]): string[] {
  return items.flatMap((item) => (item.ok ? [] : [`${formatWhere(item.where)} ${item.problem.reason}`]));
}

describe('detectFormat', () => {
  it.each([
    ['log-backend.jsonl', 'json-lines'],
    ['webhook-eventlist.json', 'event-list'],
    ['subscription-payload.json', 'subscription-payload'],
    ['filter-log-events.json', 'filter-log-events'],
    ['cloudwatch-export.log', 'cloudwatch-export'],
  ])('recognises %s as %s', (name, format) => {
    expect(detectFormat(fixture(name))).toBe(format);
  });

  it('recognises the raw Lambda envelope, a JSON array, a single event, and empty input', () => {
    expect(detectFormat(JSON.stringify(aSubscriptionEvent([anAuditEvent()])))).toBe('awslogs-envelope');
    expect(detectFormat(JSON.stringify([anAuditEvent()]))).toBe('json-array');
    expect(detectFormat(JSON.stringify(anAuditEvent(), null, 2))).toBe('json-lines');
    expect(detectFormat(' \n\n')).toBe('empty');
  });

  it('decides JSON lines even when the first line is broken', () => {
    expect(detectFormat(`not json\n${JSON.stringify(anAuditEvent())}\n`)).toBe('json-lines');
  });

  it('says unknown for text with no JSON line', () => {
    expect(detectFormat('apiVersion: audit.k8s.io/v1\nkind: Event\n')).toBe('unknown');
  });
});

describe('decodeInput', () => {
  it('reads JSON lines, reporting malformed, truncated and non-audit lines with their line numbers', () => {
    const { format, items, stats } = decodeInput(fixture('log-backend.jsonl'), 'audit.jsonl');
    expect(format).toBe('json-lines');
    expect(auditIds(items)).toEqual([
      '4f7c8f3e-5a3b-4b8e-9d55-0e7b1e2f9a10',
      '7d1c2e90-8b44-4f0e-a3d5-51f0c6a9e8b2',
    ]);
    expect(problems(items)).toEqual([
      'audit.jsonl:2 malformed-json',
      'audit.jsonl:3 truncated',
      'audit.jsonl:4 not-audit-event',
    ]);
    expect(items.find((item) => item.ok && item.where.line === 6)).toBeDefined();
    expect(formatDecodeStats(stats)).toBe(
      '2 events read, 3 skipped (1 malformed-json, 1 truncated, 1 not-audit-event)',
    );
  });

  it('keeps each JSON line as the event message, exactly as written', () => {
    const line = JSON.stringify(anAuditEvent());
    const [item] = decodeInput(`${line}\n`, 'one.jsonl').items;
    expect(item?.ok && item.message).toBe(line);
  });

  it('reads a webhook EventList and rejects the core v1 Event in it by index', () => {
    const { format, items } = decodeInput(fixture('webhook-eventlist.json'), 'webhook.json');
    expect(format).toBe('event-list');
    expect(auditIds(items)).toHaveLength(2);
    expect(problems(items)).toEqual(['webhook.json#2 not-audit-event']);
    const rejected = items[2];
    expect(rejected?.ok === false && rejected.problem.detail).toContain('apiVersion');
  });

  it('reads a decoded subscription payload, naming the log event id of the truncated one', () => {
    const { format, items } = decodeInput(fixture('subscription-payload.json'), 'payload.json');
    expect(format).toBe('subscription-payload');
    expect(auditIds(items)).toHaveLength(2);
    expect(problems(items)).toEqual([
      'payload.json#2 (log event 38000000000000000000000000000000000000000000000000000002) truncated',
    ]);
    expect(items[0]?.ok && items[0].logTime).toBe(Date.parse('2026-11-20T14:01:07.000Z'));
    expect(items[0]?.ok && logTimeIso(items[0].logTime)).toBe('2026-11-20T14:01:07.000Z');
  });

  it('reads the raw Lambda envelope ({ awslogs: { data } }) from a file', () => {
    const text = JSON.stringify(aSubscriptionEvent([anAuditEvent(), '{"oops"']));
    const { format, stats } = decodeInput(text, 'envelope.json');
    expect(format).toBe('awslogs-envelope');
    expect(stats.eventsRead).toBe(1);
    expect(stats.skipped).toEqual({ truncated: 1 });
  });

  it('reads aws logs filter-log-events output, with event ids', () => {
    const { format, items, stats } = decodeInput(fixture('filter-log-events.json'), 'filtered.json');
    expect(format).toBe('filter-log-events');
    expect(stats.eventsRead).toBe(3);
    expect(problems(items)).toEqual([
      'filtered.json#3 (log event 39000000000000000000000000000000000000000000000000000009) malformed-json',
    ]);
    expect(items[1]?.ok && logTimeIso(items[1].logTime)).toBe('2026-11-20T14:01:07.124Z');
  });

  it('reads CloudWatch export lines (timestamp, space, JSON), keeping the timestamp as the log time', () => {
    const { format, items, stats } = decodeInput(fixture('cloudwatch-export.log'), 'export.log');
    expect(format).toBe('cloudwatch-export');
    expect(stats.eventsRead).toBe(3);
    expect(items[0]?.ok && items[0].logTime).toBe('2026-11-20T14:01:07.123Z');
    expect(items[0]?.ok && items[0].message.startsWith('{"kind":"Event"')).toBe(true);
    expect(problems(items)).toEqual(['export.log:4 truncated']);
  });

  it('reads a JSON array and a single pretty-printed event', () => {
    const array = decodeInput(JSON.stringify([anAuditEvent(), { kind: 0 }]), 'array.json');
    expect(array.stats).toMatchObject({ eventsRead: 1, skipped: { 'not-audit-event': 1 } });
    expect(problems(array.items)).toEqual(['array.json:1#1 not-audit-event']);
    const pretty = decodeInput(JSON.stringify(anAuditEvent(), null, 2), 'event.json');
    expect(pretty.stats.eventsRead).toBe(1);
  });

  it('reads pretty-printed documents one after another (jq output), each problem at the line it starts', () => {
    const docs = [
      JSON.stringify(
        anAuditEvent({ auditID: 'p1', requestURI: '/api/v1/namespaces/x/secrets/{a}[b]' }),
        null,
        2,
      ),
      JSON.stringify({ kind: 0 }, null, 2),
      JSON.stringify({ kind: 'EventList', items: [anAuditEvent({ auditID: 'p2' })] }, null, 2),
      JSON.stringify(anAuditEvent({ auditID: 'p3' }), null, 2).slice(0, 120),
    ];
    const text = docs.join('\n');
    expect(detectFormat(text)).toBe('json-documents');
    const { items } = decodeInput(text, 'jq.json');
    expect(auditIds(items)).toEqual(['p1', 'p2']);
    const secondStart = (docs[0] ?? '').split('\n').length + 1;
    expect(problems(items)).toEqual([
      `jq.json:${secondStart} not-audit-event`,
      `jq.json:${secondStart + 3 + (docs[2] ?? '').split('\n').length} truncated`,
    ]);
  });

  it('reports a cut-off pretty-printed document once, not once per line', () => {
    const text = JSON.stringify({ kind: 'EventList', items: [anAuditEvent()] }, null, 2).slice(0, 300);
    const { items } = decodeInput(text, 'cut.json');
    expect(problems(items)).toEqual(['cut.json:1 truncated']);
  });

  it('reports unrecognised input once, listing the supported formats', () => {
    const { items, stats } = decodeInput('hello\nworld\n', 'notes.txt');
    expect(stats.skipped).toEqual({ 'unrecognised-input': 1 });
    expect(items[0]?.ok === false && items[0].problem.detail).toContain('EventList');
  });

  it('keeps every good event of a batch that mixes good, malformed, truncated and non-audit lines', () => {
    const good = Array.from({ length: 50 }, (_, i) => anAuditEvent({ auditID: `audit-${i}` }));
    const bad = ['{"kind":"Event",', truncated(anAuditEvent(), 90), '{"kind":0}', '[1,2', 'plain text'];
    const lines = good.map((event) => JSON.stringify(event));
    for (const [i, line] of bad.entries()) lines.splice(i * 10 + 3, 0, line);
    const { items, stats } = decodeInput(lines.join('\n'), 'mixed.jsonl');
    expect(auditIds(items)).toEqual(good.map((event) => event.auditID));
    expect(stats.skipped).toEqual({ truncated: 3, 'not-audit-event': 1, 'malformed-json': 1 });
    expect(problems(items).map((p) => p.split(' ')[0])).toEqual([
      'mixed.jsonl:4',
      'mixed.jsonl:14',
      'mixed.jsonl:24',
      'mixed.jsonl:34',
      'mixed.jsonl:44',
    ]);
  });

  it('ignores a UTF-8 byte order mark and Windows line endings', () => {
    const text = `\uFEFF${JSON.stringify(anAuditEvent())}\r\n${JSON.stringify(anAuditEvent({ auditID: 'b' }))}\r\n`;
    expect(decodeInput(text, 'win.jsonl').stats).toMatchObject({ eventsRead: 2, skipped: {} });
  });

  it('returns the log groups of subscription payloads, so a caller can name the cluster', () => {
    const payloads = [
      aSubscriptionPayload([anAuditEvent({ auditID: 'x1' })], {
        logGroup: '/aws/eks/prod-eu/cluster',
        logStream: 's1',
      }),
      aSubscriptionPayload([anAuditEvent({ auditID: 'x2' })], {
        logGroup: '/aws/eks/prod-eu/cluster',
        logStream: 's1',
      }),
      aSubscriptionPayload([anAuditEvent({ auditID: 'x3' })], {
        logGroup: '/aws/eks/dev/cluster',
        logStream: 's9',
      }),
    ];
    const { format, origins, stats } = decodeInput(
      payloads.map((p) => JSON.stringify(p)).join('\n'),
      'saved.jsonl',
    );
    expect(format).toBe('json-lines');
    expect(stats.eventsRead).toBe(3);
    expect(origins).toEqual([
      { owner: ACCOUNT, logGroup: '/aws/eks/prod-eu/cluster', logStream: 's1', cluster: 'prod-eu' },
      { owner: ACCOUNT, logGroup: '/aws/eks/dev/cluster', logStream: 's9', cluster: 'dev' },
    ]);
  });

  it('counts a CONTROL_MESSAGE envelope in a file as acknowledged, with no events', () => {
    const { stats, items, origins } = decodeInput(JSON.stringify(aControlMessageEvent()), 'control.json');
    expect(items).toEqual([]);
    expect(origins).toEqual([]);
    expect(stats).toEqual({ eventsRead: 0, skipped: {}, controlMessages: 1 });
  });
});

describe('decodeInputBytes', () => {
  it('decompresses gzip input (a CloudWatch export to S3) before decoding', () => {
    const text = `2026-11-20T14:01:07.123Z ${JSON.stringify(anAuditEvent())}\n`;
    const result = decodeInputBytes(gzipSync(text), '000000.gz');
    expect(result.format).toBe('cloudwatch-export');
    expect(result.stats.eventsRead).toBe(1);
  });

  it('reads plain bytes as UTF-8', () => {
    const result = decodeInputBytes(Buffer.from(JSON.stringify(anAuditEvent({ auditID: 'é' }))), 'e.json');
    expect(result.items[0]?.ok && result.items[0].event.auditID).toBe('é');
  });

  it('reports gzip data that cannot be decompressed, without throwing', () => {
    const broken = gzipSync('x'.repeat(1000)).subarray(0, 20);
    const result = decodeInputBytes(broken, 'cut.gz');
    expect(result.stats.skipped).toEqual({ 'unrecognised-input': 1 });
  });
});

describe('problem details', () => {
  it.each([
    '{"kind":"Event","password":s3cr3tvalue}',
    's3cr3tvalue',
    '{"a":"s3cr3tvalue" "b":1}',
    '[1,2,s3cr3tvalue]',
    '{"kind":"Event","token":"s3cr3tvalue',
    '{"kind":0,"token":"s3cr3tvalue"}',
  ])('never quote the input (%s)', (line) => {
    const [item] = decodeInput(`${line}\n`, 'x.jsonl').items;
    expect(item?.ok).toBe(false);
    expect(item?.problem?.detail).not.toContain('s3cr3t');
    expect(item?.problem?.detail).not.toContain("'s'");
  });
});
