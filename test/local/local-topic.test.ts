import { describe, expect, it } from 'vitest';
import { findingAttributes, findingSubject } from '../../src/adapters/sns';
import { readFindingMessage } from '../../src/bot/finding-message';
import { readSnsNotification } from '../../src/bot/sns-envelope';
import { LocalFindingsTopic } from '../../src/local/local-topic';
import type { SnsEvent } from '../../src/local/sns-record';
import { aFinding } from '../support/builders';
import { clock } from './support';

describe('LocalFindingsTopic (the findings topic, in process)', () => {
  const received: SnsEvent[] = [];
  const topic = () =>
    new LocalFindingsTopic({
      subscriber: async (event) => void received.push(event),
      clock,
      newId: () => 'msg-1',
    });

  it('delivers each finding as the SNS record its Lambda would get: the JSON, the attributes and the Subject', async () => {
    received.length = 0;
    const finding = aFinding();
    const local = topic();

    const result = await local.publish([finding]);
    await local.idle();

    expect(result).toEqual({ published: 1, failed: 0, failures: [] });
    const record = received[0]?.Records[0];
    expect(record?.EventSource).toBe('aws:sns');
    expect(record?.Sns.MessageId).toBe('msg-1');
    expect(JSON.parse(record?.Sns.Message ?? '')).toEqual(finding);
    expect(record?.Sns.Subject).toBe(findingSubject(finding));
    const attributes = Object.fromEntries(
      Object.entries(findingAttributes(finding)).map(([name, value]) => [
        name,
        { Type: value.DataType, Value: value.StringValue },
      ]),
    );
    expect(record?.Sns.MessageAttributes).toEqual(attributes);
    expect(record?.Sns.MessageAttributes.severity).toEqual({ Type: 'String', Value: 'high' });
    expect(record?.Sns.MessageAttributes.schemaVersion).toEqual({ Type: 'Number', Value: '1' });
  });

  it('is read by the notifier exactly like an SNS delivery', async () => {
    received.length = 0;
    const local = topic();
    await local.publish([aFinding({ id: 'f-read-1' })]);
    await local.idle();

    const envelope = readSnsNotification(received[0]?.Records[0]);
    expect(envelope.ok).toBe(true);
    if (!envelope.ok) return;
    const read = readFindingMessage(envelope.notification.Message);
    expect(read.ok && read.finding.id).toBe('f-read-1');
  });

  it('refuses a finding SNS would refuse (over 256 KiB), and still delivers the others', async () => {
    received.length = 0;
    const local = topic();
    const huge = aFinding({ id: 'f-huge', reasons: ['x'.repeat(300_000)] });

    const result = await local.publish([huge, aFinding({ id: 'f-small' })]);
    await local.idle();

    expect(result.published).toBe(1);
    expect(result.failures).toEqual([
      expect.objectContaining({ findingId: 'f-huge', code: 'MessageTooLarge' }),
    ]);
    expect(received.map((event) => JSON.parse(event.Records[0]?.Sns.Message ?? '{}').id)).toEqual([
      'f-small',
    ]);
  });

  it('delivers in order, one at a time, and counts a subscriber failure without losing the next message', async () => {
    const seen: string[] = [];
    let running = 0;
    const local = new LocalFindingsTopic({
      clock,
      subscriber: async (event) => {
        running += 1;
        expect(running).toBe(1);
        const id = JSON.parse(event.Records[0]?.Sns.Message ?? '{}').id as string;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        if (id === 'f-2') throw new Error('Slack is down');
        seen.push(id);
      },
    });

    await local.publish([aFinding({ id: 'f-1' }), aFinding({ id: 'f-2' })]);
    await local.publish([aFinding({ id: 'f-3' })]);
    await local.idle();

    expect(seen).toEqual(['f-1', 'f-3']);
    expect(local.stats).toEqual({ published: 3, delivered: 2, deliveryFailed: 1 });
  });
});
