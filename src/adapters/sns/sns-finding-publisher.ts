import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Finding } from '../../finding/schema';
import type { FindingPublisher, PublishFailure, PublishResult } from '../../ingest/ports';
import { planBatches, prepareEntries } from './batch-plan';
import { type BatchCall, sendBatch } from './batch-sender';
import { consoleJsonLog, type PublisherLog } from './log';
import { defaultRetryPolicy, type RetryPolicy } from './retry';

/** Settings of `SnsFindingPublisher`; `retry` and `log` have production defaults. */
export interface SnsFindingPublisherOptions {
  /** The findings topic (FINDINGS_TOPIC_ARN). */
  readonly topicArn: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly log?: PublisherLog;
}

/**
 * Publishes findings to the SNS findings topic with PublishBatch: one message per finding (its JSON), in calls
 * of at most 10 entries and 256 KiB, each with message attributes for filter policies and a readable Subject
 * for e-mail subscribers. Retries what may succeed later, then reports the rest; never throws for a finding.
 * Logs ids and counts, never message bodies.
 *
 * @example
 * const publisher = new SnsFindingPublisher(new SNSClient({}), { topicArn: env.FINDINGS_TOPIC_ARN });
 * const { published, failed, failures } = await publisher.publish(findings);
 */
export class SnsFindingPublisher implements FindingPublisher {
  private readonly retry: RetryPolicy;
  private readonly log: PublisherLog;

  constructor(
    private readonly client: SNSClient,
    private readonly options: SnsFindingPublisherOptions,
  ) {
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.log = options.log ?? consoleJsonLog;
  }

  async publish(findings: readonly Finding[]): Promise<PublishResult> {
    const { entries, rejected } = prepareEntries(findings);
    const batches = planBatches(entries);
    const failures: PublishFailure[] = [...rejected];
    let published = 0;
    let calls = 0;
    // One batch at a time: ingest publishes few findings per invocation, and order helps reading the topic.
    for (const batch of batches) {
      const outcome = await sendBatch(batch, this.call, this.retry);
      published += outcome.published;
      calls += outcome.calls;
      failures.push(...outcome.failures);
    }
    this.report(findings.length, published, failures, calls);
    return { published, failed: failures.length, failures };
  }

  private readonly call: BatchCall = (entries) =>
    this.client.send(
      new PublishBatchCommand({
        TopicArn: this.options.topicArn,
        PublishBatchRequestEntries: entries.map((e) => e.entry),
      }),
    );

  private report(total: number, published: number, failures: readonly PublishFailure[], calls: number) {
    const fields = { topicArn: this.options.topicArn, findings: total, published, calls };
    if (failures.length === 0) {
      this.log.info('findings published to SNS', fields);
      return;
    }
    this.log.warn('findings not published to SNS', {
      ...fields,
      failed: failures.length,
      failures: failures.map((f) => ({ findingId: f.findingId, code: f.code })),
    });
  }
}
