import { randomUUID } from 'node:crypto';
import { prepareEntries } from '../adapters/sns/batch-plan';
import type { Finding } from '../finding/schema';
import type { FindingPublisher, PublishResult } from '../ingest/ports';
import type { Clock } from '../shared/clock';
import { describeError } from '../shared/errors';
import { type Logger, silentLogger } from '../shared/logger';
import { type SnsEvent, snsEventOf } from './sns-record';

/** The subscriber: the notifier's entry, given the event SNS would invoke its Lambda with. */
export type SnsSubscriber = (event: SnsEvent) => Promise<void>;

/** What the topic has done so far. */
export interface TopicStats {
  /** Findings accepted by `publish`. */
  published: number;
  /** Deliveries the subscriber handled. */
  delivered: number;
  /** Deliveries the subscriber threw on (logged with the finding id). */
  deliveryFailed: number;
}

/**
 * The findings topic, in process: a `FindingPublisher` for ingest that serialises each finding exactly as
 * `SnsFindingPublisher` does (the same `prepareEntries`: JSON message, message attributes, Subject, the same
 * size check) and delivers it to the subscriber as the SNS event its Lambda would get. As with SNS, `publish`
 * returns once the messages are accepted; delivery happens after, in order, one at a time. `idle()` waits
 * for every accepted message to be delivered (for `--once` and tests).
 *
 * @example
 * const topic = new LocalFindingsTopic({ subscriber: (event) => notifier(event), clock: systemClock });
 * await ingestDecoded(decoded, { publisher: topic, ... });
 * await topic.idle();
 */
export class LocalFindingsTopic implements FindingPublisher {
  readonly stats: TopicStats = { published: 0, delivered: 0, deliveryFailed: 0 };
  private queue: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    private readonly options: {
      readonly subscriber: SnsSubscriber;
      readonly clock: Clock;
      readonly log?: Logger;
      readonly newId?: () => string;
    },
  ) {
    this.log = options.log ?? silentLogger;
  }

  async publish(findings: readonly Finding[]): Promise<PublishResult> {
    const { entries, rejected } = prepareEntries(findings);
    for (const { findingId, entry } of entries) {
      const event = snsEventOf(entry, {
        messageId: (this.options.newId ?? randomUUID)(),
        now: this.options.clock(),
      });
      this.queue = this.queue.then(() => this.deliver(findingId, event));
    }
    this.stats.published += entries.length;
    for (const failure of rejected) this.log.warn('finding not published', { ...failure });
    return { published: entries.length, failed: rejected.length, failures: rejected };
  }

  /** Resolves once every message published so far has been delivered (or has failed). */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.queue) {
      seen = this.queue;
      await seen;
    }
  }

  private async deliver(findingId: string, event: SnsEvent): Promise<void> {
    try {
      await this.options.subscriber(event);
      this.stats.delivered += 1;
    } catch (error) {
      this.stats.deliveryFailed += 1;
      this.log.error('finding not delivered to the notifier', { findingId, error: describeError(error) });
    }
  }
}
