import type { NormalizedAuditEvent } from '../audit/normalized';
import { buildFinding, type FindingContext } from '../finding/build';
import type { ActorType, Finding, FindingActor } from '../finding/schema';
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
 * Cheap checks come first (stage dedupe, dry-run flag, actor class, then each rule's Set lookups), so the
 * cost per uninteresting event stays a handful of comparisons.
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

/** Rules grouped by the actor class they apply to, for live requests and for dry-runs. */
interface RulePlan {
  readonly live: ReadonlyMap<ActorType, readonly CompiledRule[]>;
  readonly dryRun: ReadonlyMap<ActorType, readonly CompiledRule[]>;
}

function planRules(rules: readonly CompiledRule[]): RulePlan {
  const group = (list: readonly CompiledRule[]) => {
    const byActor = new Map<ActorType, CompiledRule[]>();
    for (const rule of list) for (const a of rule.actors) byActor.set(a, [...(byActor.get(a) ?? []), rule]);
    return byActor;
  };
  return { live: group(rules), dryRun: group(rules.filter((r) => r.includeDryRun)) };
}

function evaluate(
  input: DetectInput,
  plan: RulePlan,
  protectedNamespaces: ReadonlySet<string>,
  config: DetectionConfig,
  context: FindingContext,
  stats: DetectStats,
): Finding | undefined {
  const { event } = input;
  const byActor = event.dryRun ? plan.dryRun : plan.live;
  if (event.dryRun && byActor.size === 0) return countSkip(stats, 'dry-run');
  const actor: FindingActor = classifyActor(event, config.actors);
  const rules = byActor.get(actor.type);
  if (!rules) return countSkip(stats, event.dryRun ? 'dry-run' : (`${actor.type} actor` as const));
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
  const matches: RuleMatch[] = [];
  for (const rule of rules) {
    const reasons = rule.match(subject);
    if (reasons) matches.push({ rule: findingRuleOf(rule), reasons });
  }
  if (matches.length === 0) return countSkip(stats, noMatchReason(event, outcome));
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
