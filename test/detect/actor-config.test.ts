import { describe, expect, it } from 'vitest';
import { parseAuditEvent } from '../../src/audit/event';
import { normalizeAuditEvent } from '../../src/audit/normalize';
import { classifyActor } from '../../src/detect/actor';
import { ActorConfigSchema, compilePatterns, defaultActorConfig } from '../../src/detect/actor-config';
import { anAuditEvent } from '../fixtures/audit/events';

describe('ActorConfigSchema', () => {
  it('defaults to the built-in CI role patterns and no other lists', () => {
    expect(ActorConfigSchema.parse({})).toEqual({
      automation: {
        usernames: [],
        iamArns: [
          'arn:aws:iam::*:role/github-actions-*',
          'arn:aws:iam::*:role/gitlab-ci-*',
          'arn:aws:iam::*:role/atlantis-*',
        ],
        groups: [],
      },
      human: { usernames: [], iamArns: [] },
    });
  });

  it('rejects an unknown setting, naming it', () => {
    const result = ActorConfigSchema.safeParse({ automation: { usernmes: ['ci'] } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['automation'], keys: ['usernmes'] });
  });

  it('rejects a pattern that would match every identity, naming where it is', () => {
    const result = ActorConfigSchema.safeParse({ automation: { iamArns: ['*'] } });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['automation', 'iamArns', 0],
      message: 'a pattern of only `*` would match every identity',
    });
  });

  it('keeps service accounts automation when a config replaces the username list', () => {
    const config = ActorConfigSchema.parse({ automation: { usernames: ['ci-bot'] } });
    const parsed = parseAuditEvent(
      { ...anAuditEvent(), user: { username: 'system:serviceaccount:app:web' } },
      't',
    );
    if (!parsed.ok) throw new Error(parsed.problem.detail);
    expect(classifyActor(normalizeAuditEvent(parsed.event), config).type).toBe('automation');
  });

  it('is what classifyActor uses when no config is given', () => {
    const parsed = parseAuditEvent(anAuditEvent(), 't');
    if (!parsed.ok) throw new Error(parsed.problem.detail);
    const view = normalizeAuditEvent(parsed.event);
    expect(classifyActor(view)).toEqual(classifyActor(view, defaultActorConfig));
  });
});

describe('compilePatterns', () => {
  it('matches `*` across slashes and colons and returns the pattern that matched', () => {
    const match = compilePatterns(['arn:aws:iam::*:role/ci-*', 'exact-user']);
    expect(match(['arn:aws:iam::111122223333:role/ci-deploy'])).toBe('arn:aws:iam::*:role/ci-*');
    expect(match(['nope', 'exact-user'])).toBe('exact-user');
    expect(match(['arn:aws:iam::111122223333:role/other', undefined])).toBeUndefined();
  });

  it('treats regular-expression characters literally', () => {
    const match = compilePatterns(['sre.alice', 'a+b*']);
    expect(match(['sreXalice'])).toBeUndefined();
    expect(match(['sre.alice'])).toBe('sre.alice');
    expect(match(['a+bcd'])).toBe('a+b*');
    expect(match(['aab'])).toBeUndefined();
  });

  it('is case-sensitive, like Kubernetes usernames', () => {
    expect(compilePatterns(['CI-Bot'])(['ci-bot'])).toBeUndefined();
  });
});
