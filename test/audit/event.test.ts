import { describe, expect, it } from 'vitest';
import { parseAuditEvent } from '../../src/audit/event';
import { anAuditEvent } from '../fixtures/audit/events';

describe('parseAuditEvent', () => {
  it('accepts an EKS audit.k8s.io/v1 event and keeps fields it does not know', () => {
    const result = parseAuditEvent(
      anAuditEvent({ p_source_label: 'eks-logs', futureField: { a: 1 } }),
      'e.json',
    );
    expect(result.ok).toBe(true);
    expect(result.event?.p_source_label).toBe('eks-logs');
    expect(result.event?.futureField).toEqual({ a: 1 });
  });

  it('accepts a v1beta1 event', () => {
    const v1beta1 = anAuditEvent({ apiVersion: 'audit.k8s.io/v1beta1', timestamp: '2018-10-25T13:58:49Z' });
    expect(parseAuditEvent(v1beta1, 'e.json').ok).toBe(true);
  });

  it('rejects {"kind":0}, naming the field', () => {
    const result = parseAuditEvent({ kind: 0 }, 'fal_01_003.json:1');
    expect(result.problem).toEqual({
      reason: 'not-audit-event',
      detail: 'fal_01_003.json:1: not an audit event: kind: Invalid input: expected "Event"',
    });
  });

  it('rejects a core v1 Event (kubectl get events) by its apiVersion', () => {
    const core = { kind: 'Event', apiVersion: 'v1', reason: 'Pulled', involvedObject: { kind: 'Pod' } };
    expect(parseAuditEvent(core, 'x').problem?.detail).toContain('apiVersion: must be audit.k8s.io/v1');
  });

  it('rejects an object that says nothing about a request', () => {
    const result = parseAuditEvent({ kind: 'Event', sourceIPs: ['127.0.0.1'] }, 'x');
    expect(result.problem?.detail).toContain('needs kind "Event" or apiVersion audit.k8s.io/*, and a verb');
  });

  it('rejects a field of the wrong type, naming its path but not its value', () => {
    const result = parseAuditEvent(anAuditEvent({ responseStatus: { code: 'secret-looking-value' } }), 'x');
    expect(result.problem?.detail).toContain('responseStatus.code');
    expect(result.problem?.detail).not.toContain('secret-looking-value');
  });

  it.each([
    [null, 'null'],
    [[1], 'an array'],
    ['text', 'string'],
    [42, 'number'],
  ])('rejects %j as not an object', (value, got) => {
    expect(parseAuditEvent(value, 'w').problem?.detail).toBe(
      `w: not an audit event: expected a JSON object, got ${got}`,
    );
  });

  it('never throws, whatever the input', () => {
    for (const value of [undefined, {}, { user: 5 }, { kind: 'Event', verb: 1 }, { objectRef: [] }]) {
      expect(parseAuditEvent(value, 'w').ok).toBe(false);
    }
  });
});
