import {
  CreateTopicCommand,
  PublishBatchCommand,
  type PublishBatchRequestEntry,
  PublishCommand,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { testSnsClient, useLocalSns } from '../support/sns-client';

// The local SNS is itself tested through the real SDK, so the adapter tests can trust what it accepts and rejects.

const sns = useLocalSns();

const entries = (n: number, message = 'm'): PublishBatchRequestEntry[] =>
  Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, Message: message }));
const batch = (PublishBatchRequestEntries: PublishBatchRequestEntry[], TopicArn = sns.server.topicArn) =>
  sns.client.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries }));
const publish = (input: { Message: string; Subject?: string; attributes?: Record<string, string> }) =>
  sns.client.send(
    new PublishCommand({
      TopicArn: sns.server.topicArn,
      Message: input.Message,
      ...(input.Subject !== undefined && { Subject: input.Subject }),
      MessageAttributes: Object.fromEntries(
        Object.entries(input.attributes ?? {}).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
      ),
    }),
  );
const errorName = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: Error) => e.name,
  );

describe('Test server: local SNS', () => {
  it('records a Publish with its subject and attributes and answers with a message id', async () => {
    const out = await publish({
      Message: 'héllo + {"a":1}',
      Subject: 'Hi there',
      attributes: { severity: 'high' },
    });
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sns.server.published).toEqual([
      expect.objectContaining({
        action: 'Publish',
        topicArn: sns.server.topicArn,
        messageId: out.MessageId,
        message: 'héllo + {"a":1}',
        subject: 'Hi there',
        attributes: { severity: { dataType: 'String', value: 'high' } },
      }),
    ]);
  });

  it('lists batch entries under Successful and Failed as SNS does', async () => {
    sns.server.failEntries((e) => e.id === 'e1');
    const out = await batch(entries(3));
    expect(out.Successful?.map((s) => s.Id)).toEqual(['e0', 'e2']);
    expect(out.Failed).toEqual([
      { Id: 'e1', Code: 'InternalError', Message: 'Internal error', SenderFault: false },
    ]);
    expect(sns.server.published.map((p) => p.entryId)).toEqual(['e0', 'e2']);
  });

  it('rejects more than 10 entries, repeated ids, bad ids and an empty batch with SNS error codes', async () => {
    expect(await errorName(batch(entries(11)))).toBe('TooManyEntriesInBatchRequestException');
    expect(await errorName(batch([...entries(2), { Id: 'e0', Message: 'x' }]))).toBe(
      'BatchEntryIdsNotDistinctException',
    );
    expect(await errorName(batch([{ Id: 'a:b', Message: 'x' }]))).toBe('InvalidBatchEntryIdException');
    expect(await errorName(batch([{ Id: 'x'.repeat(81), Message: 'x' }]))).toBe(
      'InvalidBatchEntryIdException',
    );
    expect(await errorName(batch([]))).toBe('EmptyBatchRequestException');
    expect(await errorName(batch(entries(10)))).toBe('no error');
    expect(sns.server.calls.map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 200]);
  });

  it('accepts a batch of exactly 256 KiB, attributes included, and rejects one byte more', async () => {
    const attribute = { a: { DataType: 'String', StringValue: 'v' } }; // 1 + 6 + 1 bytes
    const half = 262_144 / 2;
    const exact = [
      { Id: 'a', Message: 'x'.repeat(half - 8), MessageAttributes: attribute },
      { Id: 'b', Message: 'y'.repeat(half) },
    ];
    expect(await errorName(batch(exact))).toBe('no error');
    const over = [exact[0] as PublishBatchRequestEntry, { Id: 'b', Message: 'y'.repeat(half + 1) }];
    expect(await errorName(batch(over))).toBe('BatchRequestTooLongException');
  });

  it('rejects a Publish over 256 KiB in UTF-8 bytes as Message too long', async () => {
    expect(await errorName(publish({ Message: 'x'.repeat(262_144) }))).toBe('no error');
    const error = await publish({ Message: 'é'.repeat(131_073) }).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Message too long',
    });
  });

  it('applies the Subject rules: ASCII, under 100 characters, no line breaks, sensible first character', async () => {
    expect(await errorName(publish({ Message: 'm', Subject: `[HIGH] ${'x'.repeat(92)}` }))).toBe('no error');
    for (const Subject of ['x'.repeat(100), 'two\nlines', 'caf\u00e9', ' leading space', '']) {
      expect(await errorName(publish({ Message: 'm', Subject }))).toBe('InvalidParameterException');
    }
  });

  it('rejects empty messages, empty attribute values and more than 10 attributes', async () => {
    expect(await errorName(publish({ Message: '' }))).toBe('InvalidParameterException');
    expect(await errorName(publish({ Message: 'm', attributes: { ns: '' } }))).toBe(
      'InvalidParameterValueException',
    );
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, 'v']));
    expect(await errorName(publish({ Message: 'm', attributes: eleven }))).toBe('InvalidParameterException');
    const number = { n: { DataType: 'Number', StringValue: 'one' } };
    const bad = new PublishCommand({
      TopicArn: sns.server.topicArn,
      Message: 'm',
      MessageAttributes: number,
    });
    expect(await errorName(sns.client.send(bad))).toBe('InvalidParameterValueException');
  });

  it('answers NotFound for a topic that does not exist, and knows topics made by CreateTopic', async () => {
    const missing = sns.server.topicArn.replace('eks-audit-findings', 'nope');
    expect(await errorName(batch(entries(1), missing))).toBe('NotFoundException');
    const created = await sns.client.send(new CreateTopicCommand({ Name: 'nope' }));
    expect(created.TopicArn).toBe(missing);
    expect(await errorName(batch(entries(1), missing))).toBe('no error');
  });

  it('fails the next calls with server errors and throttling the SDK recognises', async () => {
    sns.server.failNext(1, 'internal');
    sns.server.failNext(1, 'throttling');
    sns.server.failNext(1, 'throttled');
    sns.server.failNext(1, 'unavailable');
    const faults = [];
    for (let i = 0; i < 4; i++) faults.push(await batch(entries(1)).catch((e) => e));
    expect(faults.map((e) => [e.name, e.$fault, e.$metadata.httpStatusCode])).toEqual([
      ['InternalErrorException', 'server', 500],
      ['Throttling', 'client', 400],
      ['ThrottledException', 'client', 429],
      ['ServiceUnavailable', 'server', 503],
    ]);
    expect(await errorName(batch(entries(1)))).toBe('no error');
  });

  it('lets the SDK retry a server error on its own when its retries are on', async () => {
    const retrying = testSnsClient(sns.server.endpoint, 3);
    sns.server.failNext(2, 'internal');
    const out = await retrying.send(new PublishCommand({ TopicArn: sns.server.topicArn, Message: 'm' }));
    expect(out.$metadata.attempts).toBe(3);
    retrying.destroy();
  });

  it('rejects a whole batch that contains an entry picked by failCallsContaining', async () => {
    sns.server.failCallsContaining((e) => e.message === 'poison');
    expect(await errorName(batch([...entries(2), { Id: 'p', Message: 'poison' }]))).toBe(
      'InvalidParameterException',
    );
    expect(sns.server.published).toEqual([]);
  });
});
