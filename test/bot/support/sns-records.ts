import type { Finding } from '../../../src/finding/schema';

/**
 * SNS records as Lambda receives them from the findings topic (the shape of `event.Records[n]`), with the
 * finding as the message body exactly as ingest publishes it.
 */
export function anSnsRecord(message: Finding | string, messageId = 'sns-msg-0001') {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:eu-west-1:111122223333:eks-audit-bot-test-findings:sub-1',
    Sns: {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: 'arn:aws:sns:eu-west-1:111122223333:eks-audit-bot-test-findings',
      Subject: '[HIGH] prod-eu: alice@example.com deleted secret kube-system/db-creds',
      Message: typeof message === 'string' ? message : JSON.stringify(message),
      Timestamp: '2026-11-20T14:01:10.000Z',
      MessageAttributes: { severity: { Type: 'String', Value: 'high' } },
    },
  };
}

/** An SNS event of several records. */
export function anSnsEvent(...records: ReturnType<typeof anSnsRecord>[]) {
  return { Records: records };
}
