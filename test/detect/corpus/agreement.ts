import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeInput, normalizeAuditEvent } from '../../../src/audit';
import type { DetectionConfig } from '../../../src/detect/config';
import type { DetectInput } from '../../../src/detect/detect';
import { run } from '../../support/detect-harness';

/**
 * Computes how often our default rules agree with the expected outcomes Falco's and Panther's authors wrote
 * for their own rules, on the real events of the third-party corpus (`../shared/corpus`, read-only).
 */

export const CORPUS = '../shared/corpus';

/** One comparison: our rule, the peer rule(s) we consider its equivalent. */
export interface Pairing {
  readonly ours: string;
  readonly peer: 'falco' | 'panther';
  /** Peer rule names (Falco) or ids (Panther); a case expects a hit when any of them is expected. */
  readonly peerRules: readonly string[];
  /** How the table names the peer rules, when listing them all would be too long. */
  readonly label?: string;
}

/** One case where the peer's authors stated an expectation. */
export interface Case {
  /** `falco:<test>` or `panther:<rule id>:<test name>`. */
  readonly key: string;
  readonly expected: boolean;
  readonly ours: boolean;
}

export interface Agreement {
  readonly pairing: Pairing;
  readonly cases: readonly Case[];
  readonly agree: number;
  readonly disagreements: readonly Case[];
}

/** Which of our rules fire on a batch of inputs (rule ids of findings and alsoMatched). */
function firedRules(inputs: readonly DetectInput[], config?: DetectionConfig): Set<string> {
  const fired = new Set<string>();
  for (const f of run(inputs, config).findings) for (const id of [f.rule.id, ...f.alsoMatched]) fired.add(id);
  return fired;
}

function inputsOf(text: string, source: string): DetectInput[] {
  const inputs: DetectInput[] = [];
  for (const item of decodeInput(text, source).items) {
    if (item.ok) inputs.push({ event: normalizeAuditEvent(item.event), message: item.message });
  }
  return inputs;
}

interface FalcoTest {
  readonly test: string;
  readonly corpus_file: string;
  readonly detect: boolean;
  readonly detect_counts: Record<string, number>[] | null;
}

/** Falco: per test, expected = a peer rule is in detect_counts; a test with detect: false expects nothing. */
export function falcoCases(pairing: Pairing, config?: DetectionConfig): Case[] {
  const tests = JSON.parse(
    readFileSync(join(CORPUS, 'rules/falco/falco_k8s_audit_expected_outcomes.json'), 'utf8'),
  ) as FalcoTest[];
  const cases: Case[] = [];
  for (const t of tests) {
    const hits = new Set((t.detect_counts ?? []).flatMap((c) => Object.keys(c)));
    const expectsHit = pairing.peerRules.some((r) => hits.has(r));
    if (!expectsHit && t.detect) continue; // the test asserts other rules only: no expectation for ours
    const file = join(CORPUS, t.corpus_file);
    const ours = firedRules(inputsOf(readFileSync(file, 'utf8'), file), config).has(pairing.ours);
    cases.push({ key: `falco:${t.test}`, expected: expectsHit, ours });
  }
  return cases;
}

interface PantherTest {
  readonly rule_id: string;
  readonly test_name: string;
  readonly expected_result: boolean;
  readonly log_type: string;
  readonly event: unknown;
}

const EKS_LOG_TYPES = new Set(['Amazon.EKS.Audit', 'k8s-audit(no p_log_type)']);

/** Panther: each EKS test event of a peer rule, alone in its batch (their tests reuse audit IDs). */
export function pantherCases(pairing: Pairing, config?: DetectionConfig): Case[] {
  const lines = readFileSync(join(CORPUS, 'audit/panther-analysis__rules_tests_extracted.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as PantherTest);
  return lines
    .filter((t) => pairing.peerRules.includes(t.rule_id) && EKS_LOG_TYPES.has(t.log_type))
    .map((t) => {
      const key = `panther:${t.rule_id}:${t.test_name}`;
      const ours = firedRules(inputsOf(JSON.stringify(t.event), key), config).has(pairing.ours);
      return { key, expected: t.expected_result, ours };
    });
}

/** Agreement of one pairing. */
export function agreementOf(pairing: Pairing, config?: DetectionConfig): Agreement {
  const cases = pairing.peer === 'falco' ? falcoCases(pairing, config) : pantherCases(pairing, config);
  const disagreements = cases.filter((c) => c.expected !== c.ours);
  return { pairing, cases, agree: cases.length - disagreements.length, disagreements };
}

/**
 * The printed table: rule, peer rule, agree/total, and how many cases the peer expects to fire against how
 * many of those ours fires on (agreement on negatives alone would flatter us).
 */
export function agreementTable(results: readonly Agreement[]): string {
  const rows = results.map((r) => {
    const expectedHits = r.cases.filter((c) => c.expected);
    return [
      r.pairing.ours,
      `${r.pairing.peer}: ${r.pairing.label ?? r.pairing.peerRules.join(' | ')}`,
      `${r.agree}/${r.cases.length}`,
      `${expectedHits.filter((c) => c.ours).length}/${expectedHits.length}`,
    ];
  });
  const all = [['our rule', 'peer rule', 'agree/total', 'peer hits we also hit'], ...rows];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
