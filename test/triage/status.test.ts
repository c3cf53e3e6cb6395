import { describe, expect, it } from 'vitest';
import type { AlertResponse } from '../../src/triage/model';
import { deriveStatus, firstResponse, statusPrecedence } from '../../src/triage/status';
import { aResponse } from '../support/builders';

const ack = aResponse({ action: 'acknowledge', at: '2026-11-20T14:02:00.000Z' });
const justification = aResponse({
  action: 'justify',
  text: 'planned rotation',
  at: '2026-11-20T14:03:00.000Z',
});
const escalation = aResponse({ action: 'escalate', text: 'not planned', at: '2026-11-20T14:04:00.000Z' });
const refusedAck = aResponse({ action: 'refused', attempted: 'acknowledge', text: 'own change' });

describe('deriveStatus', () => {
  it('is open when nobody has responded', () => {
    expect(deriveStatus([])).toBe('open');
  });

  it('follows the precedence escalated > justified > acknowledged > open, whatever the order', () => {
    const cases: [AlertResponse[], string][] = [
      [[ack], 'acknowledged'],
      [[ack, justification], 'justified'],
      [[justification, ack], 'justified'],
      [[escalation, ack], 'escalated'],
      [[ack, justification, escalation], 'escalated'],
      [[escalation, justification], 'escalated'],
    ];
    for (const [responses, expected] of cases) expect(deriveStatus(responses)).toBe(expected);
    expect(statusPrecedence).toEqual(['escalated', 'justified', 'acknowledged', 'open']);
  });

  it('ignores refused attempts', () => {
    expect(deriveStatus([refusedAck])).toBe('open');
    expect(deriveStatus([ack, { ...refusedAck, attempted: 'escalate' }])).toBe('acknowledged');
  });
});

describe('firstResponse', () => {
  it('returns the first accepted response of a kind, skipping refusals', () => {
    const carol = aResponse({ by: { platform: 'slack', userId: 'U0CAROL', name: 'carol' } });
    expect(firstResponse([refusedAck, ack, carol], 'acknowledge')).toBe(ack);
    expect(firstResponse([ack], 'escalate')).toBeUndefined();
  });
});
