import { describe, expect, it } from 'vitest';
import type { Responder } from '../../src/triage/model';
import { createTriagePolicy, decide, TriagePolicySchema } from '../../src/triage/policy';
import { aFinding, anAlert } from '../support/builders';

const alice: Responder = { platform: 'slack', userId: 'U0ALICE', name: 'alice', email: 'Alice@Example.com' };
const bob: Responder = { platform: 'slack', userId: 'U0BOB', name: 'bob', email: 'bob@example.com' };
const noGroups = { responderGroups: [] };
const defaults = TriagePolicySchema.parse({});
const alicesChange = anAlert();

describe('decide: separation of duties', () => {
  it('refuses to let the person who made the change acknowledge it, matching e-mail case-insensitively', () => {
    const decision = decide(defaults, 'acknowledge', alicesChange, alice, noGroups);
    expect(decision).toEqual({
      allowed: false,
      code: 'own-change',
      reason:
        'You made this change (alice@example.com), so someone else must acknowledge it. You can justify it instead.',
    });
  });

  it('lets the person who made the change justify it (and escalate it)', () => {
    expect(decide(defaults, 'justify', alicesChange, alice, noGroups)).toEqual({ allowed: true });
    expect(decide(defaults, 'escalate', alicesChange, alice, noGroups)).toEqual({ allowed: true });
  });

  it('lets someone else acknowledge', () => {
    expect(decide(defaults, 'acknowledge', alicesChange, bob, noGroups)).toEqual({ allowed: true });
  });

  it('matches the display name when it is an e-mail and the actor has no e-mail field', () => {
    const alert = anAlert({
      finding: aFinding({
        actor: { email: undefined, sessionName: undefined, displayName: 'ALICE@example.com' },
      }),
    });
    expect(decide(defaults, 'acknowledge', alert, alice, noGroups)).toMatchObject({
      allowed: false,
      code: 'own-change',
    });
  });

  it('does not match a display name that is not an e-mail', () => {
    const alert = anAlert({
      finding: aFinding({ actor: { email: undefined, sessionName: undefined, displayName: 'alice' } }),
    });
    expect(decide(defaults, 'acknowledge', alert, alice, noGroups)).toEqual({ allowed: true });
  });

  it('can be switched off', () => {
    const policy = TriagePolicySchema.parse({ separationOfDuties: false });
    expect(decide(policy, 'acknowledge', alicesChange, alice, noGroups)).toEqual({ allowed: true });
  });
});

describe('decide: allow-lists', () => {
  const policy = createTriagePolicy(
    TriagePolicySchema.parse({ acknowledge: ['U0CAROL', 'S0SRE'], escalate: ['S0ONCALL'] }),
  );

  it('lets a listed user acknowledge', () => {
    const carol: Responder = { platform: 'slack', userId: 'U0CAROL', name: 'carol' };
    expect(policy.decide('acknowledge', alicesChange, carol, noGroups)).toEqual({ allowed: true });
  });

  it('lets a member of a listed user group acknowledge', () => {
    expect(
      policy.decide('acknowledge', alicesChange, bob, { responderGroups: ['S0OTHER', 'S0SRE'] }),
    ).toEqual({
      allowed: true,
    });
  });

  it('refuses anyone else, with a reason saying who may', () => {
    expect(policy.decide('acknowledge', alicesChange, bob, noGroups)).toEqual({
      allowed: false,
      code: 'not-permitted',
      reason:
        'Only 1 person and 1 user group named in the triage policy may acknowledge alerts, and you are not one of them.',
    });
    expect(policy.decide('escalate', alicesChange, bob, { responderGroups: ['S0SRE'] })).toMatchObject({
      allowed: false,
      reason:
        'Only 1 user group named in the triage policy may escalate alerts, and you are not one of them.',
    });
  });

  it('checks separation of duties before the allow-list', () => {
    const listedAlice = createTriagePolicy(TriagePolicySchema.parse({ acknowledge: ['U0ALICE'] }));
    expect(listedAlice.decide('acknowledge', alicesChange, alice, noGroups)).toMatchObject({
      code: 'own-change',
    });
  });

  it('matches other front ends by <platform>:<user id>, and never by group', () => {
    const cliPolicy = TriagePolicySchema.parse({ acknowledge: ['cli:bob', 'S0SRE'] });
    const cliBob: Responder = { platform: 'cli', userId: 'bob', name: 'bob' };
    const cliCarol: Responder = { platform: 'cli', userId: 'carol', name: 'carol' };
    expect(decide(cliPolicy, 'acknowledge', alicesChange, cliBob, noGroups)).toEqual({ allowed: true });
    expect(
      decide(cliPolicy, 'acknowledge', alicesChange, cliCarol, { responderGroups: ['S0SRE'] }),
    ).toMatchObject({
      allowed: false,
    });
  });
});

describe('TriagePolicySchema', () => {
  it('defaults to anyone may do anything, with separation of duties on', () => {
    expect(defaults).toEqual({ acknowledge: [], escalate: [], separationOfDuties: true });
  });

  it('names the bad entry of a misconfigured list', () => {
    const result = TriagePolicySchema.safeParse({ acknowledge: ['U0CAROL', 'bob'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['acknowledge', 1]);
    expect(result.error?.issues[0]?.message).toContain('expected a Slack user id');
  });
});
