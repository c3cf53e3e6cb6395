import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mrkdwnCode } from '../../src/notify/slack/escape';
import { truncateMrkdwn, truncatePlain, truncationLog } from '../../src/notify/slack/limits';

describe('truncatePlain', () => {
  it('cuts to the limit and ends with an ellipsis', () => {
    expect(truncatePlain('abcdef', 4)).toBe('abc…');
    expect(truncatePlain('abc', 4)).toBe('abc');
  });

  it('never splits an emoji', () => {
    expect(truncatePlain('ab🔴cd', 4)).toBe('ab…');
  });
});

describe('truncateMrkdwn', () => {
  it('never cuts inside an entity', () => {
    expect(truncateMrkdwn('abc &amp; def', 7)).toBe('abc …');
  });

  it('never cuts inside a mention or link', () => {
    expect(truncateMrkdwn('by <@U0BOB> ok', 8)).toBe('by …');
  });

  it('closes a code span it cut open', () => {
    expect(truncateMrkdwn('`kube-system/db-creds`', 10)).toBe('`kube-sy…`');
  });

  it('stays within the limit and keeps escaped text valid, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 3, max: 60 }), (text, max) => {
        for (const mrkdwn of [escapeMrkdwn(text), mrkdwnCode(text)]) {
          const cut = truncateMrkdwn(mrkdwn, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(cut).not.toMatch(/&(?!(amp|lt|gt);)/);
          expect((cut.match(/`/g)?.length ?? 0) % 2).toBe(0);
        }
      }),
    );
  });
});

describe('truncationLog', () => {
  it('remembers whether anything was cut', () => {
    const cuts = truncationLog();
    cuts.plain('short', 10);
    expect(cuts.happened).toBe(false);
    cuts.mrkdwn('x'.repeat(20), 10);
    expect(cuts.happened).toBe(true);
  });
});
