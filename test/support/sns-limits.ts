import type { WireAttribute, WireMessage } from './sns-wire';

/**
 * SNS's documented limits for Publish and PublishBatch, enforced the way SNS reports them: a whole-request
 * error with SNS's error code and HTTP status (a malformed entry fails the whole PublishBatch call; SNS does not
 * report it under `Failed`).
 *
 * Sources: the SNS API reference (Publish, PublishBatch, PublishBatchRequestEntry, MessageAttributeValue) and
 * the error shapes in `@aws-sdk/client-sns` (awsQueryError code and HTTP status of each exception).
 */

/** 256 KiB: the default MaximumMessageSize, for one message and for a whole batch, attributes included. */
export const MAX_MESSAGE_BYTES = 262_144;
export const MAX_BATCH_ENTRIES = 10;
export const MAX_ATTRIBUTES = 10;
export const MAX_SUBJECT_CHARS = 99;

/** An SNS error: the code SNS puts in `<Code>` and the HTTP status it answers with. */
export class SnsWireError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

const invalidParameter = (message: string) => new SnsWireError('InvalidParameter', 400, message);
const invalidValue = (message: string) => new SnsWireError('ParameterValueInvalid', 400, message);

/** Bytes SNS counts for a message: the body plus every attribute's name, type and value. */
export function messageBytes(m: WireMessage): number {
  let size = Buffer.byteLength(m.message ?? '');
  for (const [name, a] of m.attributes) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.dataType ?? '');
    size += Buffer.byteLength(a.stringValue ?? '') + Buffer.byteLength(a.binaryValue ?? '');
  }
  return size;
}

/** Checks one message's body, subject and attributes (a Publish call or one PublishBatch entry). */
export function checkMessage(m: WireMessage): void {
  if (m.message === undefined) {
    throw new SnsWireError('ValidationError', 400, "1 validation error detected: Value null at 'message'");
  }
  if (m.message === '') throw invalidParameter('Invalid parameter: Empty message');
  if (m.subject !== undefined) checkSubject(m.subject);
  if (m.attributes.size > MAX_ATTRIBUTES) {
    throw invalidParameter(
      `Invalid parameter: MessageAttributes Reason: ${m.attributes.size} attributes exceed the maximum of ${MAX_ATTRIBUTES}`,
    );
  }
  for (const [name, attribute] of m.attributes) checkAttribute(name, attribute);
}

/**
 * Subjects: ASCII, fewer than 100 characters, no line breaks or control characters, and starting with a
 * letter, a number or a punctuation mark. (The SDK's current docs only say UTF-8 without control characters;
 * we enforce the older, stricter ASCII rule so a subject valid here is valid everywhere.)
 */
export function checkSubject(subject: string): void {
  const printableAscii = /^[\x20-\x7e]*$/;
  const startsWell = /^[A-Za-z0-9!-/:-@[-`{-~]/;
  const ok =
    subject.length > 0 &&
    subject.length <= MAX_SUBJECT_CHARS &&
    printableAscii.test(subject) &&
    startsWell.test(subject);
  if (!ok) throw invalidParameter('Invalid parameter: Subject');
}

const attributeName = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/;
const numberValue = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function checkAttribute(name: string, a: WireAttribute): void {
  if (!attributeName.test(name) || /^(aws\.|amazon\.)/i.test(name)) {
    throw invalidValue(`The message attribute name '${name}' is invalid.`);
  }
  const type = a.dataType ?? '';
  if (!/^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/.test(type)) {
    throw invalidValue(
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  const value = type.startsWith('Binary') ? a.binaryValue : a.stringValue;
  if (value === undefined || value === '') {
    throw invalidValue(
      `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
    );
  }
  if (type.startsWith('Number') && !numberValue.test(value)) {
    throw invalidValue(`Could not cast message attribute '${name}' value to number.`);
  }
}

/** Checks a Publish call: the message, then its size (SNS answers `Message too long`). */
export function checkPublish(m: WireMessage): void {
  checkMessage(m);
  if (messageBytes(m) > MAX_MESSAGE_BYTES) throw invalidParameter('Invalid parameter: Message too long');
}

/** Checks a PublishBatch request's shape before any entry is accepted. */
export function checkBatch(entries: readonly WireMessage[] | undefined): readonly WireMessage[] {
  if (!entries || entries.length === 0) {
    throw new SnsWireError('EmptyBatchRequest', 400, 'The batch request does not contain any entries.');
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SnsWireError(
      'TooManyEntriesInBatchRequest',
      400,
      'The batch request contains more entries than permissible.',
    );
  }
  const ids = entries.map((e) => e.id ?? '');
  for (const id of ids) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw new SnsWireError(
        'InvalidBatchEntryId',
        400,
        `The Id of a batch entry in a batch request doesn't abide by the specification: ${id}`,
      );
    }
  }
  if (new Set(ids).size !== ids.length) {
    throw new SnsWireError(
      'BatchEntryIdsNotDistinct',
      400,
      'Two or more batch entries in the request have the same Id.',
    );
  }
  for (const entry of entries) checkMessage(entry);
  const total = entries.reduce((sum, e) => sum + messageBytes(e), 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw new SnsWireError(
      'BatchRequestTooLong',
      400,
      `The length of all the messages put together is more than the limit (${total} > ${MAX_MESSAGE_BYTES} bytes).`,
    );
  }
  return entries;
}
