import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSample } from '../../scripts/sample/render';
import { story } from '../../scripts/sample/story';
import { decodeInput } from '../../src/audit/decode/index';
import { normalizeAuditEvent } from '../../src/audit/normalize';
import { classifyActor } from '../../src/detect/actor';

const samplePath = new URL('../../samples/eks-audit-sample.jsonl', import.meta.url);
const text = readFileSync(samplePath, 'utf8');

/** The final-stage view of each request, in story order (one audit ID per request). */
function finalViews() {
  const byId = new Map<string, ReturnType<typeof normalizeAuditEvent>>();
  for (const item of decodeInput(text, 'sample').items) {
    if (item.ok) byId.set(item.event.auditID ?? '', normalizeAuditEvent(item.event));
  }
  return [...byId.values()];
}

describe('samples/eks-audit-sample.jsonl', () => {
  it('is what scripts/make-eks-audit-sample.ts writes (regenerate it after changing scripts/sample/)', () => {
    expect(text).toBe(renderSample());
  });

  it('decodes as complete audit events with nothing skipped', () => {
    const { format, stats, items } = decodeInput(text, 'sample');
    expect(format).toBe('json-lines');
    expect(stats).toEqual({ eventsRead: 66, skipped: {}, controlMessages: 0 });
    for (const item of items) expect(item.ok && normalizeAuditEvent(item.event).missing).toEqual([]);
  });

  it('has one audit ID per request, some logged at several stages', () => {
    const views = finalViews();
    expect(views).toHaveLength(story.length);
    expect(views.every((view) => view.stage === 'ResponseComplete')).toBe(true);
  });

  it('puts every step meant to alert on a person or an anonymous caller, and keeps the noise on machines', () => {
    const views = finalViews();
    const byType = (alert: boolean) =>
      story.flatMap((step, i) => {
        const view = views[i];
        return step.alert === alert && view ? [classifyActor(view).type] : [];
      });
    expect(new Set(byType(true))).toEqual(new Set(['human', 'anonymous']));
    const quiet = byType(false);
    expect(quiet.filter((type) => type === 'system').length).toBeGreaterThan(5);
    expect(quiet.filter((type) => type === 'automation').length).toBeGreaterThan(5);
  });

  it('never carries Secret values: no data or stringData anywhere', () => {
    expect(text).not.toMatch(/"(data|stringData)":/);
  });
});
