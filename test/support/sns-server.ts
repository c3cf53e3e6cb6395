import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  answer,
  type BatchEntryView,
  type EntryFailure,
  type PublishedMessage,
  type Reply,
  retryableEntry,
  ServerState,
  type SnsCall,
  type SnsFaultKind,
  topicArnOf,
} from './sns-actions';
import { SnsWireError } from './sns-limits';
import { errorXml, parseQueryBody } from './sns-wire';

export {
  type BatchEntryView,
  type EntryFailure,
  type PublishedMessage,
  type SnsCall,
  type SnsFaultKind,
  TEST_ACCOUNT,
  TEST_REGION,
  topicArnOf,
} from './sns-actions';

/**
 * A local Amazon SNS for tests: speaks SNS's awsQuery protocol so the real `@aws-sdk/client-sns` talks to it
 * (`endpoint`, any credentials, region us-east-1), enforces SNS's limits with SNS's error codes, records what
 * was published, and injects faults. Supports Publish, PublishBatch and CreateTopic.
 */

/** A running local SNS: where it listens, what it recorded, and its fault switches. */
export interface SnsServer {
  /** `http://127.0.0.1:PORT`, for `new SNSClient({ endpoint })`. */
  readonly endpoint: string;
  /** The topic that exists from the start (the first of `options.topics`). */
  readonly topicArn: string;
  readonly published: PublishedMessage[];
  readonly calls: SnsCall[];
  /** Fails the next `n` calls (any action) as a whole. */
  failNext(n: number, kind?: SnsFaultKind): void;
  /** Fails the PublishBatch entries `predicate` picks (listed under `Failed`); default: SenderFault false. */
  failEntries(predicate: (entry: BatchEntryView) => boolean, failure?: EntryFailure): void;
  /**
   * Rejects a whole PublishBatch call when `predicate` picks one of its entries, as SNS does for a malformed
   * entry (default `InvalidParameter`, HTTP 400).
   */
  failCallsContaining(predicate: (entry: BatchEntryView) => boolean, code?: string): void;
  /** Removes every injected fault. */
  clearFaults(): void;
  /** Forgets everything but the topics: faults, published messages, calls and entry attempt counts. */
  reset(): void;
  /** Creates a topic (as CreateTopic does) and returns its ARN. */
  createTopic(name: string): string;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 with a random free port.
 *
 * @example
 * const sns = await startSnsServer();
 * const client = new SNSClient({ endpoint: sns.endpoint, region: 'us-east-1', maxAttempts: 1,
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 */
export async function startSnsServer(options: { topics?: readonly string[] } = {}): Promise<SnsServer> {
  const topics = new Set((options.topics ?? ['eks-audit-findings']).map(topicArnOf));
  const state = new ServerState(topics);
  const server = createServer((req, res) => void handle(state, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    topicArn: [...topics][0] ?? topicArnOf('eks-audit-findings'),
    published: state.published,
    calls: state.calls,
    failNext: (n, kind = 'internal') => state.faultQueue.push(...Array<SnsFaultKind>(n).fill(kind)),
    failEntries: (predicate, failure = retryableEntry) => state.entryFaults.push({ predicate, failure }),
    failCallsContaining: (predicate, code = 'InvalidParameter') => state.callFaults.push({ predicate, code }),
    clearFaults: () => state.clearFaults(),
    reset: () => state.reset(),
    createTopic: (name) => topics.add(topicArnOf(name)) && topicArnOf(name),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const request = parseQueryBody(await readBody(req));
  let reply: Reply;
  try {
    reply = answer(state, req, request, requestId);
  } catch (error) {
    if (!(error instanceof SnsWireError)) throw error;
    const body = errorXml(error.type, error.code, error.message, requestId);
    reply = { status: error.status, body, errorCode: error.code };
  }
  state.calls.push({
    action: request.action ?? '',
    topicArn: request.topicArn,
    entryIds: (request.entries ?? []).map((e) => e.id ?? ''),
    status: reply.status,
    errorCode: reply.errorCode,
  });
  res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId });
  res.end(reply.body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
