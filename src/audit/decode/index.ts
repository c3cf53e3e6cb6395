/**
 * Input decoding: from bytes or text in any supported format to audit events and counted problems, each
 * with where it came from. Pure (node:zlib only).
 */
export {
  type AwsLogsEnvelope,
  AwsLogsEnvelopeSchema,
  type CloudWatchLogEvent,
  CloudWatchLogEventSchema,
  clusterFromLogGroup,
  decodeAwsLogsData,
  decodeSubscriptionEvent,
  decodeSubscriptionPayload,
  type SubscriptionBatch,
  type SubscriptionDecodeResult,
  type SubscriptionPayload,
  SubscriptionPayloadSchema,
} from './awslogs';
export { decodeDocuments, splitDocuments } from './documents';
export { type DocumentShape, type ExpandOptions, expandDocument, shapeOf } from './expand';
export { type DecodedInput, decodeInput, decodeInputBytes, detectFormat, type LogOrigin } from './input';
export { CLOUDWATCH_MAX_EVENT_BYTES, isCutOff, parseJsonText } from './json-text';
export { decodeLines, lineFormat } from './lines';
export { decodeAuditMessage, decodeAuditValue } from './message';
export {
  countAllDecoded,
  countDecoded,
  type DecodeStats,
  formatDecodeStats,
  mergeDecodeStats,
  newDecodeStats,
  skippedTotal,
} from './stats';
export {
  type DecodedEvent,
  type DecodedItem,
  type DecodedProblem,
  type DecodeProblem,
  type EventWhere,
  formatWhere,
  type InputFormat,
  inputFormats,
  type ProblemReason,
  problemReasons,
} from './types';
