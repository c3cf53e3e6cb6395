export { SNS_MAX_BATCH_ENTRIES, SNS_MAX_PAYLOAD_BYTES } from './batch-plan';
export { consoleJsonLog, type PublisherLog } from './log';
export { findingAttributes, snsAttributes } from './message-attributes';
export { defaultRetryPolicy, type RetryPolicy } from './retry';
export { SnsFindingPublisher, type SnsFindingPublisherOptions } from './sns-finding-publisher';
export { SnsMessagePublisher, SnsPublishError } from './sns-message-publisher';
export { findingSubject, toSnsSubject } from './subject';
