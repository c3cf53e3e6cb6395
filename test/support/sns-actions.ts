import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { checkBatch, checkPublish, SnsWireError } from './sns-limits';
import {
  type BatchOutcome,
  batchResultBody,
  resultXml,
  type WireMessage,
  type WireRequest,
  xmlText,
} from './sns-wire';

/** The actions the local SNS answers (Publish, PublishBatch, CreateTopic), its state and its injected faults. */

/** The account and region of every topic the local SNS knows. */
export const TEST_ACCOUNT = '123456789012';
export const TEST_REGION = 'us-east-1';

/** A message SNS accepted. Attribute values are the StringValue (or base64 BinaryValue). */
export interface PublishedMessage {
  readonly action: 'Publish' | 'PublishBatch';
  readonly topicArn: string;
  readonly messageId: string;
  /** The batch entry id; undefined for Publish. */
  readonly entryId: string | undefined;
  readonly message: string;
  readonly subject: string | undefined;
  readonly attributes: Readonly<Record<string, { readonly dataType: string; readonly value: string }>>;
}

/** One HTTP call as the server answered it. */
export interface SnsCall {
  readonly action: string;
  readonly topicArn: string | undefined;
  readonly entryIds: readonly string[];
  readonly status: number;
  /** The error code when the whole call failed. */
  readonly errorCode: string | undefined;
}

/** A batch entry shown to a `failEntries` predicate; `attempt` counts the times this id was sent (1-based). */
export type BatchEntryView = Omit<PublishedMessage, 'action' | 'messageId' | 'entryId'> & {
  readonly id: string;
  readonly attempt: number;
};

/** A whole-call fault: `internal` 500, `unavailable` 503, `throttling` 400 Throttling, `throttled` 429. */
export type SnsFaultKind = 'internal' | 'unavailable' | 'throttling' | 'throttled';

/** How an entry picked by `failEntries` fails. */
export interface EntryFailure {
  readonly code: string;
  readonly message: string;
  readonly senderFault: boolean;
}

const faults: Record<
  SnsFaultKind,
  { status: number; code: string; message: string; type: 'Sender' | 'Receiver' }
> = {
  internal: { status: 500, code: 'InternalError', message: 'Internal service error', type: 'Receiver' },
  unavailable: { status: 503, code: 'ServiceUnavailable', message: 'Service unavailable', type: 'Receiver' },
  throttling: { status: 400, code: 'Throttling', message: 'Rate exceeded', type: 'Sender' },
  throttled: { status: 429, code: 'Throttled', message: 'Rate exceeded', type: 'Sender' },
};

/** The default `failEntries` failure: one SNS would let the sender retry. */
export const retryableEntry: EntryFailure = {
  code: 'InternalError',
  message: 'Internal error',
  senderFault: false,
};

/** What the server remembers: topics, what it published, every call, the faults still to inject. */
export class ServerState {
  readonly published: PublishedMessage[] = [];
  readonly calls: SnsCall[] = [];
  readonly faultQueue: SnsFaultKind[] = [];
  readonly entryFaults: { predicate: (e: BatchEntryView) => boolean; failure: EntryFailure }[] = [];
  readonly callFaults: { predicate: (e: BatchEntryView) => boolean; code: string }[] = [];
  readonly attempts = new Map<string, number>();
  constructor(readonly topics: Set<string>) {}

  clearFaults(): void {
    this.faultQueue.length = 0;
    this.entryFaults.length = 0;
    this.callFaults.length = 0;
  }

  reset(): void {
    this.clearFaults();
    this.published.length = 0;
    this.calls.length = 0;
    this.attempts.clear();
  }
}

/** An HTTP answer: status and XML body. */
export interface Reply {
  readonly status: number;
  readonly body: string;
  readonly errorCode?: string;
}

/** Answers one decoded request, or throws the SnsWireError SNS would answer with. */
export function answer(
  state: ServerState,
  req: IncomingMessage,
  request: WireRequest,
  requestId: string,
): Reply {
  if (req.method !== 'POST' || !req.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new SnsWireError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
  }
  if (request.version !== '2010-03-31') {
    throw new SnsWireError('NoSuchVersion', 400, `Could not find version ${request.version ?? '(none)'}`);
  }
  const fault = state.faultQueue.shift();
  if (fault) {
    const f = faults[fault];
    throw new SnsWireError(f.code, f.status, f.message, f.type);
  }
  switch (request.action) {
    case 'Publish':
      return ok('Publish', publish(state, request), requestId);
    case 'PublishBatch':
      return ok('PublishBatch', publishBatch(state, request), requestId);
    case 'CreateTopic':
      return ok('CreateTopic', createTopic(state, request), requestId);
    default:
      throw new SnsWireError(
        'InvalidAction',
        400,
        `The action ${request.action} is not valid for this endpoint.`,
      );
  }
}

function ok(action: string, result: string, requestId: string): Reply {
  return { status: 200, body: resultXml(action, result, requestId) };
}

function requireTopic(state: ServerState, topicArn: string | undefined): string {
  if (!topicArn || !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(topicArn)) {
    throw new SnsWireError('InvalidParameter', 400, 'Invalid parameter: TopicArn');
  }
  if (!state.topics.has(topicArn)) throw new SnsWireError('NotFound', 404, 'Topic does not exist');
  return topicArn;
}

function publish(state: ServerState, request: WireRequest): string {
  const topicArn = requireTopic(state, request.topicArn);
  checkPublish(request.single);
  const messageId = randomUUID();
  state.published.push({ action: 'Publish', messageId, ...record(topicArn, request.single) });
  return `<MessageId>${messageId}</MessageId>`;
}

function publishBatch(state: ServerState, request: WireRequest): string {
  const entries = checkBatch(request.entries);
  const topicArn = requireTopic(state, request.topicArn);
  const received = entries.map((entry) => {
    const id = entry.id ?? '';
    const attempt = (state.attempts.get(id) ?? 0) + 1;
    state.attempts.set(id, attempt);
    const message = record(topicArn, entry);
    return { message, view: { ...message, id, attempt } satisfies BatchEntryView };
  });
  const callFault = state.callFaults.find((f) => received.some((r) => f.predicate(r.view)));
  if (callFault) throw new SnsWireError(callFault.code, 400, `Invalid parameter: injected ${callFault.code}`);
  const outcomes = received.map(({ message, view }): BatchOutcome => {
    const fault = state.entryFaults.find((f) => f.predicate(view));
    if (fault) return { ok: false, id: view.id, ...fault.failure };
    const messageId = randomUUID();
    state.published.push({ action: 'PublishBatch', messageId, ...message });
    return { ok: true, id: view.id, messageId };
  });
  return batchResultBody(outcomes);
}

function createTopic(state: ServerState, request: WireRequest): string {
  const name = request.name ?? '';
  if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)) {
    throw new SnsWireError('InvalidParameter', 400, 'Invalid parameter: Topic Name');
  }
  const arn = topicArnOf(name);
  state.topics.add(arn);
  return `<TopicArn>${xmlText(arn)}</TopicArn>`;
}

function record(topicArn: string, m: WireMessage) {
  const attributes: Record<string, { dataType: string; value: string }> = {};
  for (const [name, a] of m.attributes) {
    attributes[name] = { dataType: a.dataType ?? '', value: a.stringValue ?? a.binaryValue ?? '' };
  }
  return { topicArn, entryId: m.id, message: m.message ?? '', subject: m.subject, attributes };
}

/** The ARN of a test topic. */
export function topicArnOf(name: string): string {
  return `arn:aws:sns:${TEST_REGION}:${TEST_ACCOUNT}:${name}`;
}
