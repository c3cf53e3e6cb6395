/** Types of deploy/ingest-events.cjs (osls loads the .cjs; tests import it through these). */

export interface CloudWatchLogEvent {
  readonly cloudwatchLog: { readonly logGroup: string; readonly filter: string };
}

/** One `cloudwatchLog` event per log group of `logGroups`, each with the resolved filter pattern. */
export declare function ingestEvents(logGroups: unknown, filterPattern: unknown): CloudWatchLogEvent[];
/** Splits the `logGroups` parameter; throws when it is empty or names an invalid log group. */
export declare function parseLogGroups(value: unknown): string[];
/** A preset name (`broad`, `seed`, `all`) or a literal pattern; throws beyond CloudWatch's length limit. */
export declare function resolveFilterPattern(value: unknown): string;
export declare const MAX_PATTERN_LENGTH: number;

/** The osls variable resolver. */
declare function resolveIngestEvents(context: {
  resolveVariable(address: string): Promise<unknown>;
}): Promise<CloudWatchLogEvent[]>;
export default resolveIngestEvents;
