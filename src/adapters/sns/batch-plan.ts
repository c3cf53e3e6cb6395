import type { MessageAttributeValue, PublishBatchRequestEntry } from '@aws-sdk/client-sns';
import type { Finding } from '../../finding/schema';
import type { PublishFailure } from '../../ingest/ports';
import { findingAttributes } from './message-attributes';
import { findingSubject } from './subject';

/** SNS limits for one PublishBatch call: 10 entries, 256 KiB for all messages and their attributes together. */
export const SNS_MAX_BATCH_ENTRIES = 10;
export const SNS_MAX_PAYLOAD_BYTES = 262_144;

/** A finding ready to send: its batch entry and the bytes SNS will count for it. */
export interface PreparedEntry {
  readonly findingId: string;
  readonly entry: PublishBatchRequestEntry & { readonly Id: string };
  readonly bytes: number;
}

/**
 * A batch entry id from a finding id: SNS allows 1 to 80 alphanumerics, hyphens and underscores, and ids must
 * be distinct within a call, so other characters become `_` and a repeated id gets a `_2`, `_3`... suffix.
 *
 * @example
 * batchEntryId('f:6b1d/0c9e', new Set()); // 'f_6b1d_0c9e'
 */
export function batchEntryId(findingId: string, taken: Set<string>): string {
  const base = findingId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'finding';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 80 - `_${n}`.length)}_${n}`;
  taken.add(id);
  return id;
}

/** The parts of a Publish input or batch entry that count towards SNS's size limit. */
export type SizedMessage = Pick<PublishBatchRequestEntry, 'Message' | 'Subject' | 'MessageAttributes'>;

/**
 * The bytes SNS counts against its 256 KiB limit: the message and every attribute's name, type and value. We
 * also count the Subject, which SNS does not document either way, so a batch we plan is never too long.
 */
export function entryBytes(entry: SizedMessage): number {
  let bytes = Buffer.byteLength(entry.Message ?? '') + Buffer.byteLength(entry.Subject ?? '');
  for (const [name, value] of Object.entries(entry.MessageAttributes ?? {})) {
    bytes += Buffer.byteLength(name) + attributeBytes(value);
  }
  return bytes;
}

function attributeBytes(value: MessageAttributeValue): number {
  return (
    Buffer.byteLength(value.DataType ?? '') +
    Buffer.byteLength(value.StringValue ?? '') +
    (value.BinaryValue?.byteLength ?? 0)
  );
}

/**
 * Builds one entry per finding (message = the finding's JSON). A finding too large for SNS on its own is
 * returned under `rejected`, never sent.
 */
export function prepareEntries(findings: readonly Finding[]): {
  entries: PreparedEntry[];
  rejected: PublishFailure[];
} {
  const taken = new Set<string>();
  const entries: PreparedEntry[] = [];
  const rejected: PublishFailure[] = [];
  for (const finding of findings) {
    const entry = {
      Id: batchEntryId(finding.id, taken),
      Message: JSON.stringify(finding),
      Subject: findingSubject(finding),
      MessageAttributes: findingAttributes(finding),
    };
    const bytes = entryBytes(entry);
    if (bytes > SNS_MAX_PAYLOAD_BYTES) {
      const reason = `message is ${bytes} bytes, over the SNS limit of ${SNS_MAX_PAYLOAD_BYTES}`;
      rejected.push({ findingId: finding.id, code: 'MessageTooLarge', reason });
    } else {
      entries.push({ findingId: finding.id, entry, bytes });
    }
  }
  return { entries, rejected };
}

/**
 * Splits entries, in order, into PublishBatch calls of at most 10 entries and at most 256 KiB.
 *
 * @example
 * planBatches(prepareEntries(findings).entries).length; // 3 for 25 small findings
 */
export function planBatches(
  entries: readonly PreparedEntry[],
  maxBytes = SNS_MAX_PAYLOAD_BYTES,
): PreparedEntry[][] {
  const batches: PreparedEntry[][] = [];
  let current: PreparedEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    if (
      current.length === SNS_MAX_BATCH_ENTRIES ||
      (current.length > 0 && currentBytes + entry.bytes > maxBytes)
    ) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += entry.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
