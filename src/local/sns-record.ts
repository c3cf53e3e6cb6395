import type { MessageAttributeValue } from '@aws-sdk/client-sns';

/**
 * The SNS notification a Lambda subscribed to a topic receives (`event.Records[0].Sns`), as AWS documents it.
 * The local topic builds exactly this shape, so the notifier's entry reads the same message it reads on
 * Lambda. Note that Lambda writes message attributes as `{ Type, Value }`, not the `{ DataType, StringValue }`
 * of the Publish API.
 */
export interface SnsNotification {
  readonly Type: 'Notification';
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Subject: string | null;
  /** The finding's JSON, as published. */
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion: string;
  readonly Signature: string;
  readonly SigningCertUrl: string;
  readonly UnsubscribeUrl: string;
  readonly MessageAttributes: Readonly<Record<string, { readonly Type: string; readonly Value: string }>>;
}

/** One record of an SNS event delivered to Lambda. */
export interface SnsEventRecord {
  readonly EventSource: 'aws:sns';
  readonly EventVersion: '1.0';
  readonly EventSubscriptionArn: string;
  readonly Sns: SnsNotification;
}

/** The event a Lambda subscribed to SNS is invoked with (SNS delivers one record per invocation). */
export interface SnsEvent {
  readonly Records: readonly SnsEventRecord[];
}

/** What a published message carries, in Publish API terms (`prepareEntries` builds it for each finding). */
export interface PublishedMessage {
  readonly Message?: string | undefined;
  readonly Subject?: string | undefined;
  readonly MessageAttributes?: Record<string, MessageAttributeValue> | undefined;
}

/** The local topic's names: ARN-shaped so code that parses them is not surprised, but plainly local. */
export const LOCAL_FINDINGS_TOPIC_ARN = 'arn:aws:sns:local:000000000000:eks-audit-findings';

/**
 * The Lambda event SNS would deliver for one published message.
 *
 * @example
 * const event = snsEventOf(entry, { messageId: randomUUID(), now: clock() });
 * JSON.parse(event.Records[0].Sns.Message).id; // the finding id
 */
export function snsEventOf(
  message: PublishedMessage,
  delivery: { readonly messageId: string; readonly now: Date; readonly topicArn?: string },
): SnsEvent {
  const topicArn = delivery.topicArn ?? LOCAL_FINDINGS_TOPIC_ARN;
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (value.StringValue !== undefined)
      attributes[name] = { Type: value.DataType ?? 'String', Value: value.StringValue };
  }
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:local-notifier`,
        Sns: {
          Type: 'Notification',
          MessageId: delivery.messageId,
          TopicArn: topicArn,
          Subject: message.Subject ?? null,
          Message: message.Message ?? '',
          Timestamp: delivery.now.toISOString(),
          SignatureVersion: '1',
          // Nothing signs an in-process delivery; the field is there because the shape has it.
          Signature: 'local',
          SigningCertUrl: 'local',
          UnsubscribeUrl: 'local',
          MessageAttributes: attributes,
        },
      },
    ],
  };
}
