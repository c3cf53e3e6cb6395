import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeInput, formatDecodeStats, formatWhere } from '../../src/audit/decode/index';
import { parseAuditEvent } from '../../src/audit/event';
import { normalizeAuditEvent } from '../../src/audit/normalize';

/* The real third-party events in ../shared/corpus/audit (read-only, never copied into the project). */
const corpus = new URL('../../../shared/corpus/audit/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, corpus), 'utf8');

interface CorpusLine {
  readonly source_file: string;
  readonly index: number;
  readonly event: unknown;
}

describe('the audit corpus', () => {
  it('parses or cleanly rejects all 241 native events of ALL_native_k8s_audit_events.jsonl', () => {
    const lines = read('ALL_native_k8s_audit_events.jsonl').split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as CorpusLine);
    expect(records).toHaveLength(241);
    const rejected: string[] = [];
    let parsed = 0;
    let complete = 0;
    records.forEach((record, i) => {
      const result = parseAuditEvent(record.event, `ALL:${i + 1}`);
      if (!result.ok) {
        rejected.push(`${result.problem.detail} (${record.source_file}#${record.index})`);
        return;
      }
      parsed += 1;
      const view = normalizeAuditEvent(result.event);
      if (view.missing.length === 0) complete += 1;
      expect(view.time === '' || !Number.isNaN(Date.parse(view.time))).toBe(true);
    });
    console.log(
      `corpus: ${records.length} events, ${parsed} parsed (${complete} complete, ${parsed - complete} trimmed: defaults used), ${rejected.length} rejected`,
    );
    for (const reason of rejected) console.log(`  rejected: ${reason}`);
    expect(parsed + rejected.length).toBe(241);
    // The one rejection: Panther's "Localhost Access" test event carries only kind, apiVersion, sourceIPs and
    // user; nothing says what request it was.
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toContain('needs kind "Event" or apiVersion audit.k8s.io/*, and a verb');
  });

  it('reads every Falco trace file, rejecting only the deliberately malformed fal_01_003.json', () => {
    const files = readdirSync(corpus).filter((name) => name.startsWith('falco__') && name.endsWith('.json'));
    const problems: string[] = [];
    let events = 0;
    for (const name of files) {
      const { items, stats } = decodeInput(read(name), name);
      events += stats.eventsRead;
      for (const item of items)
        if (!item.ok) problems.push(`${formatWhere(item.where)}: ${item.problem.detail}`);
    }
    console.log(
      `falco traces: ${files.length} files, ${events} events read, problems: ${problems.join('; ')}`,
    );
    expect(files).toHaveLength(47);
    expect(problems).toEqual([
      'falco__test_trace_files_k8s_audit_fal_01_003.json:1: not an audit event: kind: Invalid input: expected "Event"',
    ]);
  });

  it('reads the Panther test events as JSON lines of their own shape, after unwrapping', () => {
    const lines = read('panther-analysis__rules_tests_extracted.jsonl').split('\n').filter(Boolean);
    const events = lines.map((line) => JSON.stringify((JSON.parse(line) as { event: unknown }).event));
    const { stats } = decodeInput(events.join('\n'), 'panther');
    console.log(`panther rule tests: ${lines.length} lines: ${formatDecodeStats(stats)}`);
    // Lines that are not Kubernetes audit events (Azure, GCP logs) are rejected, never fatal.
    expect(stats.eventsRead + (stats.skipped['not-audit-event'] ?? 0)).toBe(lines.length);
    expect(stats.eventsRead).toBe(187);
  });
});
