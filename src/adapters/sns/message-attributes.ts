import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { Finding } from '../../finding/schema';

/** Attribute values as callers give them: strings become `String`, numbers `Number`; empty ones are left out. */
export type AttributeValues = Readonly<Record<string, string | number | undefined>>;

/**
 * Converts plain values to SNS message attributes. SNS rejects an attribute with an empty value (the whole
 * call fails), so empty and blank strings, and numbers that are not finite, are omitted rather than sent.
 *
 * @example
 * snsAttributes({ severity: 'high', namespace: '', schemaVersion: 1 });
 * // { severity: { DataType: 'String', StringValue: 'high' },
 * //   schemaVersion: { DataType: 'Number', StringValue: '1' } }
 */
export function snsAttributes(values: AttributeValues): Record<string, MessageAttributeValue> {
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'number' && Number.isFinite(value)) {
      out[name] = { DataType: 'Number', StringValue: String(value) };
    } else if (typeof value === 'string' && value.trim() !== '') {
      out[name] = { DataType: 'String', StringValue: value };
    }
  }
  return out;
}

/**
 * The message attributes of a finding, for SNS subscription filter policies (e.g.
 * `{"severity": ["high", "critical"]}`): severity, cluster, namespace (when present), rule (the rule id),
 * actorType, outcome and schemaVersion (a Number).
 */
export function findingAttributes(finding: Finding): Record<string, MessageAttributeValue> {
  return snsAttributes({
    severity: finding.severity,
    cluster: finding.where.cluster,
    namespace: finding.action.namespace,
    rule: finding.rule.id,
    actorType: finding.actor.type,
    outcome: finding.outcome,
    schemaVersion: finding.schemaVersion,
  });
}
