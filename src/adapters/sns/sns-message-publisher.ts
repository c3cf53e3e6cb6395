import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { describeError, EksAuditError } from '../../shared/errors';
import { entryBytes, SNS_MAX_PAYLOAD_BYTES } from './batch-plan';
import { consoleJsonLog, type PublisherLog } from './log';
import { type AttributeValues, snsAttributes } from './message-attributes';
import { backoffDelay, classifyError, defaultRetryPolicy, errorCode, type RetryPolicy } from './retry';
import { toSnsSubject } from './subject';

/** A message could not be published to SNS; `snsCode` is SNS's error code (or `MessageTooLarge`). */
export class SnsPublishError extends EksAuditError {
  override readonly name = 'SnsPublishError';
  constructor(
    readonly snsCode: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('SNS_PUBLISH_FAILED', message, options);
  }
}

/**
 * Publishes one JSON message to any topic with Publish (the bot uses it for the escalation topic). The Subject
 * is made valid for SNS, attributes are typed and empty ones left out; retryable errors are retried with
 * bounded backoff, then a `SnsPublishError` is thrown. Logs the topic, ids and sizes, never the message.
 *
 * @example
 * const sns = new SnsMessagePublisher(new SNSClient({}));
 * await sns.publishJson(env.ESCALATION_TOPIC_ARN, '[ESCALATED] prod-eu: secret deleted', escalation,
 *   { severity: 'high', cluster: 'prod-eu' });
 */
export class SnsMessagePublisher {
  private readonly retry: RetryPolicy;
  private readonly log: PublisherLog;

  constructor(
    private readonly client: SNSClient,
    options: { readonly retry?: Partial<RetryPolicy>; readonly log?: PublisherLog } = {},
  ) {
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.log = options.log ?? consoleJsonLog;
  }

  async publishJson(
    topicArn: string,
    subject: string,
    message: unknown,
    attributes: AttributeValues = {},
  ): Promise<{ messageId: string }> {
    const input = {
      TopicArn: topicArn,
      Subject: toSnsSubject(subject),
      Message: JSON.stringify(message),
      MessageAttributes: snsAttributes(attributes),
    };
    const bytes = entryBytes(input);
    if (bytes > SNS_MAX_PAYLOAD_BYTES) {
      throw new SnsPublishError(
        'MessageTooLarge',
        `message is ${bytes} bytes, over ${SNS_MAX_PAYLOAD_BYTES}`,
      );
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const output = await this.client.send(new PublishCommand(input));
        this.log.info('message published to SNS', { topicArn, messageId: output.MessageId, bytes, attempt });
        return { messageId: output.MessageId ?? '' };
      } catch (error) {
        if (classifyError(error) !== 'retry' || attempt >= this.retry.maxAttempts) {
          this.log.warn('message not published to SNS', { topicArn, code: errorCode(error), attempt });
          throw new SnsPublishError(
            errorCode(error),
            `publish to ${topicArn} failed: ${describeError(error)}`,
            {
              cause: error,
            },
          );
        }
        await this.retry.sleep(backoffDelay(attempt, this.retry));
      }
    }
  }
}
