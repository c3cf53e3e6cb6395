import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditEventSchema } from '../../src/audit/event';
import { looksLikeValidAuditEvent } from '../../src/audit/event-check';
import { anAuditEvent } from '../fixtures/audit/events';

// The hand-written fast path must give zod's verdict on every JSON value: never accept what the schema rejects
// (that would let a bad event through), and accept what it accepts (or the fast path saves nothing).

/** Values of every JSON type, including the near misses (numbers as strings, nested arrays, nulls). */
const jsonScalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('Event', 'audit.k8s.io/v1', 'audit.k8s.io/v1beta1', 'v1', 'delete'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(2 ** 53, 403, 1.5),
);
const jsonValue = fc.oneof(
  jsonScalar,
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), jsonScalar), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', 'code', 'username', 'groups'), jsonScalar, { maxKeys: 3 }),
);

const paths = [
  ['kind'],
  ['apiVersion'],
  ['level'],
  ['auditID'],
  ['stage'],
  ['requestURI'],
  ['verb'],
  ['user'],
  ['user', 'username'],
  ['user', 'groups'],
  ['user', 'extra'],
  ['user', 'extra', 'arn'],
  ['impersonatedUser'],
  ['impersonatedUser', 'groups'],
  ['sourceIPs'],
  ['userAgent'],
  ['objectRef'],
  ['objectRef', 'namespace'],
  ['objectRef', 'apiGroup'],
  ['responseStatus'],
  ['responseStatus', 'code'],
  ['responseStatus', 'reason'],
  ['stageTimestamp'],
  ['timestamp'],
  ['annotations'],
  ['annotations', 'authorization.k8s.io/decision'],
  ['requestObject'],
  ['unknownField'],
] as const;

/** A real event with some fields replaced by arbitrary JSON or removed. */
const mutatedEvent = fc
  .array(fc.tuple(fc.constantFrom(...paths), fc.option(jsonValue, { nil: undefined })), { maxLength: 4 })
  .map((edits) => {
    const event = structuredClone(anAuditEvent({ impersonatedUser: { username: 'bob', groups: ['g'] } }));
    for (const [path, value] of edits) set(event, path, value);
    return JSON.parse(JSON.stringify(event)) as unknown;
  });

function set(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return;
  const last = path[path.length - 1] as string;
  if (value === undefined) delete (node as Record<string, unknown>)[last];
  else (node as Record<string, unknown>)[last] = value;
}

describe('looksLikeValidAuditEvent', () => {
  it('gives the same verdict as AuditEventSchema on real events with fields changed or removed', () => {
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(mutatedEvent, (value) => {
        const fast = looksLikeValidAuditEvent(value);
        seen[fast ? 'accepted' : 'rejected'] += 1;
        expect(fast).toBe(AuditEventSchema.safeParse(value).success);
      }),
      { numRuns: 1000 },
    );
    // Both verdicts must be exercised, or the property proves little.
    expect(seen.accepted).toBeGreaterThan(100);
    expect(seen.rejected).toBeGreaterThan(100);
  });

  it('gives the same verdict as AuditEventSchema on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        expect(looksLikeValidAuditEvent(value)).toBe(AuditEventSchema.safeParse(value).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts every event of the corpus that the schema accepts', () => {
    const file = resolve(
      import.meta.dirname,
      '../../../shared/corpus/audit/ALL_native_k8s_audit_events.jsonl',
    );
    const events = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { event: unknown }).event);
    const accepted = events.filter((e) => AuditEventSchema.safeParse(e).success);
    expect(accepted.length).toBeGreaterThan(100);
    expect(accepted.filter((e) => !looksLikeValidAuditEvent(e))).toEqual([]);
  });
});
