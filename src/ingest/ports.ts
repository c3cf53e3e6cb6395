import type { Finding } from '../finding/schema';

/** Why one finding could not be published, after retries. Never carries the message body. */
export interface PublishFailure {
  readonly findingId: string;
  /** A stable code: the SNS error code (`InternalError`, `NotFound`, ...) or `MessageTooLarge`. */
  readonly code: string;
  /** One line, safe to log. */
  readonly reason: string;
}

/** What a `publish` call achieved: every finding is counted once, as published or as failed. */
export interface PublishResult {
  readonly published: number;
  readonly failed: number;
  readonly failures: readonly PublishFailure[];
}

/**
 * Where ingest sends its findings (SNS in production: `SnsFindingPublisher`). `publish` never throws for a
 * finding it could not publish: it retries what is worth retrying and reports the rest, so the ingest handler
 * decides to fail the invocation (and let Lambda retry the batch) only when `failed > 0`.
 *
 * @example
 * const result = await publisher.publish(findings);
 * if (result.failed > 0) throw new EksAuditError('PUBLISH_FAILED', `${result.failed} findings not published`);
 */
export interface FindingPublisher {
  publish(findings: readonly Finding[]): Promise<PublishResult>;
}
