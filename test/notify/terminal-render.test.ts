import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/notify/card-model';
import { renderAlertList } from '../../src/notify/terminal/list';
import { renderTerminalCard } from '../../src/notify/terminal/render';
import { terminalSafe } from '../../src/notify/terminal/text';
import { renderTerminalTrail } from '../../src/notify/terminal/trail';
import type { Alert } from '../../src/triage/model';
import { type CardFixtureName, cardFixtures, deniedAttempt, openSecretDeletion } from '../fixtures/cards';
import { aFinding, anAlert, aResponse } from '../support/builders';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const names = Object.keys(cardFixtures) as CardFixtureName[];
const plain = (alert: Alert) => renderTerminalCard(buildCard(alert), { color: false });
/** Whether `text` holds a control or bidi character other than the newlines that end lines. */
const hasControl = (text: string): boolean =>
  [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return (
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    );
  });
const ESC = String.fromCharCode(27);
/** The escape sequences in `text` (CSI ... final byte). */
const sequencesOf = (text: string): string[] =>
  text
    .split(ESC)
    .slice(1)
    .map((rest) => `${ESC}${rest.match(/^\[[0-9;]*[A-Za-z]/)?.[0] ?? rest.slice(0, 1)}`);
const withoutSgr = (text: string): string => text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');

describe('renderTerminalCard', () => {
  it.each(names)('renders %s as its golden file', async (name) => {
    await expect(plain(cardFixtures[name])).toMatchFileSnapshot(`../golden/terminal/${kebab(name)}.txt`);
  });

  it.each(names)('prints no control character without colour (%s)', (name) => {
    expect(hasControl(plain(cardFixtures[name]))).toBe(false);
  });

  it('starts with the severity and the one-line summary, and offers the buttons as commands', () => {
    const text = plain(openSecretDeletion);
    expect(text.split('\n')[0]).toBe(
      '── HIGH ── alice@example.com deleted secret kube-system/db-creds on prod-eu',
    );
    expect(text).toContain(`Respond  eks-audit ack | justify | escalate ${openSecretDeletion.id}`);
  });

  it('says DENIED for a refused attempt, in the header and the outcome', () => {
    const text = plain(deniedAttempt);
    expect(text.split('\n')[0]).toMatch(/^── HIGH DENIED ── /);
    expect(text).toMatch(/Outcome {2}DENIED attempt \(HTTP 403\)/);
  });

  it('shows recorded responses and offers only the actions left', () => {
    const text = plain(cardFixtures.acknowledged);
    expect(text).toMatch(/Status {3}acknowledged\n {11}Acknowledged by bob, /);
    expect(text).toContain(`eks-audit justify | escalate ${openSecretDeletion.id}`);
  });

  it('uses ANSI colours only when asked, and only SGR sequences (no cursor movement)', () => {
    const coloured = renderTerminalCard(buildCard(deniedAttempt), { color: true });
    expect(coloured).toContain('\u001b[31m');
    const sequences = sequencesOf(coloured);
    expect(sequences.length).toBeGreaterThan(0);
    expect(sequences.every((sequence) => sequence.endsWith('m'))).toBe(true);
    expect(withoutSgr(coloured)).toBe(plain(deniedAttempt));
  });

  it('cannot be driven by text from the event: escape sequences and bidi overrides are shown, not run', () => {
    const evil = anAlert({
      finding: aFinding({
        summary: 'alice deleted secret kube-system/\u001b[2K\u001b[1Afake on prod-eu',
        action: { name: 'x\u001b]0;pwned\u0007\u202eevil' },
        source: { ips: ['203.0.113.10'], userAgent: 'kubectl\r\nOutcome  Allowed' },
      }),
    });
    const text = renderTerminalCard(buildCard(evil), { color: true });
    expect(hasControl(withoutSgr(text))).toBe(false);
    expect(text).toContain('kube-system/\\u{1b}[2K\\u{1b}[1Afake');
    expect(text).toContain('x\\u{1b}]0;pwned\\u{7}\\u{202e}evil');
    expect(text).toContain('kubectl\\u{d}\\u{a}Outcome  Allowed');
  });
});

describe('terminalSafe', () => {
  it('keeps ordinary text, accents and emoji as they are', () => {
    expect(terminalSafe('José restarted the pod 🚀')).toBe('José restarted the pod 🚀');
  });
});

describe('renderTerminalTrail', () => {
  it('lists every response, refused attempts included, with who and where the cards are', () => {
    const refused = aResponse({
      action: 'refused',
      attempted: 'acknowledge',
      by: { platform: 'cli', userId: 'alice', name: 'alice@example.com', email: 'alice@example.com' },
      at: '2026-11-20T14:02:00.000Z',
      text: 'You made this change (alice@example.com), so someone else must acknowledge it.',
    });
    const alert: Alert = {
      ...cardFixtures.acknowledged,
      responses: [refused, ...cardFixtures.acknowledged.responses],
      messages: [
        { platform: 'slack', channel: 'C0ALERTS', messageId: '1763647201.000001' },
        { platform: 'terminal', channel: 'terminal', messageId: 'f-6b1d0c9e2a4f' },
      ],
    };
    const lines = renderTerminalTrail(alert, { color: false }).trimEnd().split('\n');
    expect(lines[0]).toBe(`Trail of ${alert.id}: acknowledged, created 2026-11-20 14:01:10 UTC`);
    expect(lines[1]).toBe(
      '  2026-11-20 14:02:00 UTC  refused acknowledge  alice@example.com (cli:alice, alice@example.com): You made this change (alice@example.com), so someone else must acknowledge it.',
    );
    expect(lines[2]).toMatch(/^ {2}\S+ \S+ UTC {2}acknowledge {10}bob \(slack:U0BOB/);
    expect(lines.at(-1)).toBe('  cards: slack C0ALERTS 1763647201.000001, terminal');
  });

  it('says so when nobody has responded', () => {
    expect(renderTerminalTrail(openSecretDeletion, { color: false })).toContain('no responses yet');
  });
});

describe('renderAlertList', () => {
  it('prints one aligned row per alert: id, status, severity, time, summary', () => {
    const text = renderAlertList([openSecretDeletion, cardFixtures.criticalClusterAdminBinding], {
      color: false,
    });
    const [header, first, second] = text.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+STATUS\s+SEVERITY\s+TIME\s+SUMMARY$/);
    expect(first).toMatch(
      /^f-6b1d0c9e2a4f\s+open\s+HIGH\s+2026-11-20 14:01:07 UTC\s+alice@example.com deleted/,
    );
    expect(second?.indexOf('CRITICAL')).toBe(first?.indexOf('HIGH'));
  });
});
