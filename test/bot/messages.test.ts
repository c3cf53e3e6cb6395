import { describe, expect, it } from 'vitest';
import { escalateModal, justifyModal, modalMetadata, readModalMetadata } from '../../src/bot/modals';
import { slackReply } from '../../src/bot/replies';
import { renderSlackEscalation } from '../../src/notify/slack/escalation-post';
import { InputError } from '../../src/shared/errors';
import { escalationMessage } from '../../src/triage/escalation-message';
import { validateBlocks, validateModalView } from '../support/block-kit-rules';
import { aFinding, anAlert, aResponse } from '../support/builders';

const NOW = new Date('2026-11-20T14:02:00.000Z');
const hostile = anAlert({
  finding: aFinding({
    summary: '<!channel> deleted secret kube-system/<https://evil.example|db-creds> on prod-eu',
  }),
});

describe('Slack modals', () => {
  it('are valid Block Kit and escape the alert summary', () => {
    const origin = { platform: 'slack' as const, channel: 'C0ALERTS', messageId: '1763647201.000001' };
    for (const view of [
      justifyModal(hostile, { alertId: hostile.id, origin }),
      escalateModal(hostile, { alertId: hostile.id }),
    ]) {
      expect(validateModalView(view)).toEqual([]);
      const text = JSON.stringify(view.blocks);
      expect(text).toContain('&lt;!channel&gt;');
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example|db-creds>');
    }
  });

  it('carry the alert and the clicked card in their metadata, and refuse metadata that is not theirs', () => {
    const origin = { platform: 'slack' as const, channel: 'C0ALERTS', messageId: '1763647201.000001' };
    expect(readModalMetadata(modalMetadata({ alertId: 'f-1', origin }))).toEqual({ alertId: 'f-1', origin });
    expect(readModalMetadata(modalMetadata({ alertId: 'f-1' }))).toEqual({ alertId: 'f-1' });
    expect(() => readModalMetadata('{"v":2,"alertId":"f-1"}')).toThrow(InputError);
    expect(() => readModalMetadata('not json')).toThrow('modal metadata: not JSON');
  });
});

describe('slackReply', () => {
  it('names a responder from another platform as escaped text instead of a mention', () => {
    const by = { platform: 'teams' as const, userId: '29:1abc', name: '<!here> mallory' };
    const reply = slackReply(
      { kind: 'already-done', action: 'acknowledge', by, at: '2026-11-19T09:30:00.000Z', alert: hostile },
      NOW,
    );
    expect(reply).toBe('Already acknowledged by &lt;!here&gt; mallory at 2026-11-19 09:30 UTC.');
  });

  it('says nothing after a plain acknowledgement (the updated card says it) and confirms an escalation', () => {
    const followUp = { cardsUpdated: [], notified: ['escalation channel'], failures: [] };
    const ok = (action: 'acknowledge' | 'escalate') =>
      slackReply({ kind: 'ok', action, alert: hostile, response: aResponse({ action }), followUp }, NOW);
    expect(ok('acknowledge')).toBeUndefined();
    expect(ok('escalate')).toBe('🚨 Escalated: sent to the escalation channel.');
  });
});

describe('The escalation post and message', () => {
  const escalation = aResponse({
    action: 'escalate',
    by: { platform: 'slack', userId: 'U0CAROL', name: 'carol' },
    text: '<!channel> <https://evil.example|urgent>',
  });

  it('is valid Block Kit, links the original card, escapes the reason and has no buttons', () => {
    const { text, blocks } = renderSlackEscalation(
      { ...hostile, status: 'escalated', responses: [escalation] },
      escalation,
      'https://eks-audit-test.slack.com/archives/C0ALERTS/p1',
    );
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    const json = JSON.stringify(blocks);
    expect(json).toContain(
      '🚨 *Escalated* by <@U0CAROL>: &lt;!channel&gt; &lt;https://evil.example|urgent&gt;',
    );
    expect(json).toContain('<https://eks-audit-test.slack.com/archives/C0ALERTS/p1|Original card>');
    expect(json).not.toContain('"actions"');
    expect(text).not.toContain('<!channel>');
  });

  it('carries who, why, the card link and the whole finding to the escalation topic', () => {
    const message = escalationMessage({
      alert: anAlert({
        messages: [
          { platform: 'slack', channel: 'C0ALERTS', messageId: '1.1', permalink: 'https://x.slack.com/p11' },
        ],
      }),
      response: escalation,
    });
    expect(message).toMatchObject({
      schemaVersion: 1,
      type: 'eks-audit.escalation',
      alertId: 'f-6b1d0c9e2a4f',
      severity: 'high',
      cluster: 'prod-eu',
      escalatedBy: { userId: 'U0CAROL' },
      reason: '<!channel> <https://evil.example|urgent>',
      cardUrl: 'https://x.slack.com/p11',
      finding: aFinding(),
    });
  });
});
