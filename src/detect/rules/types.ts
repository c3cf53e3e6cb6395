import type { NormalizedAuditEvent } from '../../audit/normalized';
import type { ActorType, FindingRule, Severity } from '../../finding/schema';
import type { RequestOutcome } from './vocabulary';

/** What a compiled rule looks at: one event, plus facts the detector computed once for all rules. */
export interface RuleSubject {
  readonly event: NormalizedAuditEvent;
  /** The event as one line of JSON text, computed on first use (only filter patterns need it). */
  readonly message: () => string;
  readonly outcome: RequestOutcome;
  readonly protectedNamespaces: ReadonlySet<string>;
}

/**
 * A rule ready to run: the metadata that goes into a finding plus a matcher. `match` returns the reasons it
 * matched (human-readable, in the order checked), or `undefined` when it does not match.
 */
export interface CompiledRule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description?: string;
  readonly mitre?: { readonly id: string; readonly name?: string };
  readonly actors: ReadonlySet<ActorType>;
  readonly includeDryRun: boolean;
  /** 1-based position in its file, for messages. */
  readonly position: number;
  match(subject: RuleSubject): readonly string[] | undefined;
}

/** A validated, compiled rules file. */
export interface RuleSet {
  /** Where it came from, e.g. `rules/default-rules.yaml`, for messages. */
  readonly source: string;
  /** Enabled rules only, in file order. */
  readonly rules: readonly CompiledRule[];
  /** Protected namespaces the file adds to kube-system and the configured list. */
  readonly protectedNamespaces: readonly string[];
}

/** One rule that matched one event, with why. */
export interface RuleMatch {
  readonly rule: FindingRule;
  readonly reasons: readonly string[];
}

/**
 * A single check of a condition. `test` runs on every event and allocates nothing; `reason` puts the check in
 * words, and runs only once the whole rule matched.
 */
export interface Check {
  readonly test: (subject: RuleSubject) => boolean;
  readonly reason: (subject: RuleSubject) => string;
}
