import type { NormalizedAuditEvent } from '../audit/normalized';
import { buildFinding, type FindingContext } from '../finding/build';
import type { Finding, FindingActor } from '../finding/schema';
import { describeError } from '../shared/errors';
import { classifyActor } from './actor';
import { type DetectionConfig, protectedNamespaceSet } from './config';
import { bestStageIndexes } from './dedupe';
import type { CompiledRule, RuleMatch, RuleSet, RuleSubject } from './rules/types';
import { outcomeOf, readVerbs } from './rules/vocabulary';
import { countSkip, type DetectProblem, type DetectStats, newDetectStats } from './stats';

/** One event to evaluate: the normalised view and, when known, the JSON text CloudWatch stored. */
export interface DetectInput {
  readonly event: NormalizedAuditEvent;
  /** The log message; filter patterns read it. Made from `event.raw` on demand when absent. */
  readonly message?: string;
}

/** What `detect` returns: one finding per audit ID that matched, the counts, and any problems. */
export interface DetectResult {
  readonly findings: Finding[];
  readonly stats: DetectStats;
  readonly problems: DetectProblem[];
}

/**
 * The whole pure detection path for a batch: one event per audit ID (the best stage), skip dry-runs and
 * actors no rule looks at, run the rules, build a finding for each event that matched. Never throws for an
 * event: a problem with one is counted and the rest go on.
 *
 * Cheap checks come first (stage dedupe, dry-run flag, then each rule's Set lookups; the actor is classified
 * only for an event some rule matched), so the cost per uninteresting event stays a handful of comparisons.
 *
 * @example
 * const { findings, stats } = detect(inputs, ruleSet, config, { cluster: 'prod-eu', now: clock() });
 */
export function detect(
  inputs: readonly DetectInput[],
  ruleSet: RuleSet,
  config: DetectionConfig,
  context: FindingContext,
): DetectResult {
  const plan = planRules(ruleSet.rules);
  const protectedNamespaces = protectedNamespaceSet(config, ruleSet.protectedNamespaces);
  const keep = bestStageIndexes(inputs);
  const stats = newDetectStats();
  const findings: Finding[] = [];
  const problems: DetectProblem[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i] as DetectInput;
    stats.events += 1;
    if (keep.get(input.event.auditId) !== i) {
      countSkip(stats, 'duplicate stage');
      continue;
    }
    try {
      const finding = evaluate(input, plan, protectedNamespaces, config, context, stats);
      if (finding) findings.push(finding);
    } catch (error) {
      const problem = {
        auditId: input.event.auditId,
        reason: 'evaluation error',
        detail: describeError(error),
      };
      problems.push(problem);
      stats.problems[problem.reason] = (stats.problems[problem.reason] ?? 0) + 1;
    }
  }
  stats.findings = findings.length;
  return { findings, stats, problems };
}

/** The rules to run on live requests, and the subset that also looks at dry-runs. */
interface RulePlan {
  readonly live: readonly CompiledRule[];
  readonly dryRun: readonly CompiledRule[];
}

function planRules(rules: readonly CompiledRule[]): RulePlan {
  return { live: rules, dryRun: rules.filter((r) => r.includeDryRun) };
}

/**
 * Rules run before the actor is classified: classification resolves IAM identities and costs more than a
 * JSON.parse, while most events (controllers reading leases, nodes watching pods) fail every rule on their
 * first Set lookup. So a skip for `automation actor` means "a rule would have fired, but not for this actor".
 */
function evaluate(
  input: DetectInput,
  plan: RulePlan,
  protectedNamespaces: ReadonlySet<string>,
  config: DetectionConfig,
  context: FindingContext,
  stats: DetectStats,
): Finding | undefined {
  const { event } = input;
  const rules = event.dryRun ? plan.dryRun : plan.live;
  if (rules.length === 0) return countSkip(stats, 'dry-run');
  const outcome = outcomeOf(event.responseCode);
  let text: string | undefined;
  const subject: RuleSubject = {
    event,
    outcome,
    protectedNamespaces,
    message: () => {
      text ??= input.message ?? JSON.stringify(event.raw);
      return text;
    },
  };
  let candidates: { rule: CompiledRule; reasons: readonly string[] }[] | undefined;
  for (const rule of rules) {
    const reasons = rule.match(subject);
    if (!reasons) continue;
    candidates ??= [];
    candidates.push({ rule, reasons });
  }
  if (candidates === undefined)
    return countSkip(stats, event.dryRun ? 'dry-run' : noMatchReason(event, outcome));
  const actor: FindingActor = classifyActor(event, config.actors);
  const matches: RuleMatch[] = candidates
    .filter((c) => c.rule.actors.has(actor.type))
    .map((c) => ({ rule: findingRuleOf(c.rule), reasons: c.reasons }));
  if (matches.length === 0)
    return countSkip(stats, event.dryRun ? 'dry-run' : (`${actor.type} actor` as const));
  return buildFinding(event, actor, matches, context);
}

function noMatchReason(event: NormalizedAuditEvent, outcome: string) {
  if (outcome === 'failed') return 'request failed' as const;
  if (readVerbs.includes(event.verb)) return 'plain read' as const;
  return 'no rule matched' as const;
}

function findingRuleOf(rule: CompiledRule): RuleMatch['rule'] {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    ...(rule.mitre ? { mitre: rule.mitre } : {}),
  };
}
