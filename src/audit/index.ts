/** Kubernetes audit events: decoding every input format, the event model and the normalised view (pure). */
export * from './decode/index';
export {
  type AuditEvent,
  type AuditEventParseResult,
  type AuditEventProblem,
  AuditEventSchema,
  AuditObjectRefSchema,
  type AuditUser,
  AuditUserSchema,
  parseAuditEvent,
} from './event';
export { type NormalizeOptions, normalizeAuditEvent } from './normalize';
export type { NormalizedAuditEvent } from './normalized';
export { epochMillisToIso, type LogTime, logTimeIso, normalizeTimestamp } from './timestamp';
