import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '../../src/shared/zod';

/** The project root (two folders above this file). Third-party material lives beside it in ../shared/corpus. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const corpusDir = path.resolve(projectRoot, '../shared/corpus/filterpatterns');

const CaseSchema = z
  .object({
    pattern: z.string(),
    message: z.optional(z.string()),
    event: z.optional(z.unknown()),
    expected: z.boolean(),
    source: z.string(),
    source_kind: z.enum(['aws-docs', 'aws-cli-example', 'impl-test']),
    implied: z.optional(z.boolean()),
    wrapper_constructed: z.optional(z.boolean()),
    doc_statement_questionable: z.optional(z.boolean()),
    note: z.optional(z.string()),
  })
  .check(
    z.refine(
      (c) => (c.message === undefined) !== (c.event === undefined),
      'exactly one of message and event',
    ),
  );

/** One filter-pattern case of cases.jsonl, with its log message resolved (an `event` is serialised on one line). */
export interface ConformanceCase {
  readonly line: number;
  readonly pattern: string;
  readonly message: string;
  readonly expected: boolean;
  readonly sourceKind: 'aws-docs' | 'aws-cli-example' | 'impl-test';
  readonly source: string;
  /** aws-docs / aws-cli-example without `implied` or `doc_statement_questionable`. */
  readonly authoritative: boolean;
  readonly flags: readonly string[];
}

/** Reads ../shared/corpus/filterpatterns/cases.jsonl, validating every line. */
export function readConformanceCases(): ConformanceCase[] {
  const lines = readFileSync(path.join(corpusDir, 'cases.jsonl'), 'utf8').split('\n');
  return lines.flatMap((text, index) => {
    if (text.trim() === '') return [];
    const c = CaseSchema.parse(JSON.parse(text));
    const flags = (['implied', 'wrapper_constructed', 'doc_statement_questionable'] as const).filter(
      (f) => c[f],
    );
    return [
      {
        line: index + 1,
        pattern: c.pattern,
        message: c.message ?? JSON.stringify(c.event),
        expected: c.expected,
        sourceKind: c.source_kind,
        source: c.source,
        authoritative: c.source_kind !== 'impl-test' && !c.implied && !c.doc_statement_questionable,
        flags,
      },
    ];
  });
}

/** The production EKS subscription-filter patterns of real_world_patterns.jsonl (no expected outcomes). */
export function readRealWorldPatterns(): { pattern: string; source: string }[] {
  const schema = z.object({ pattern: z.string(), source: z.string() });
  return readFileSync(path.join(corpusDir, 'real_world_patterns.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => schema.parse(JSON.parse(line)));
}
