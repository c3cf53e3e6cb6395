import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/notify/card-model';
import { TeamsCardLimits, TeamsInputIds, TeamsVerbs } from '../../src/notify/teams/actions';
import { renderTeamsCard } from '../../src/notify/teams/render';
import { type CardFixtureName, cardFixtures, mrkdwnInjection, openSecretDeletion } from '../fixtures/cards';
import { aResponse } from '../support/builders';
import { checkAdaptiveCard } from './support/adaptive-cards';

const render = (name: CardFixtureName) => renderTeamsCard(buildCard(cardFixtures[name]));
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const names = Object.keys(cardFixtures) as CardFixtureName[];

/** Every object in the card tree (elements, actions, inlines, show-cards). */
function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value === null || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  return [node, ...Object.values(node).flatMap(nodes)];
}
const ofType = (card: IAdaptiveCard, type: string) => nodes(card).filter((n) => n.type === type);

/** JSON with keys sorted, so two cards compare by content, not key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

describe('renderTeamsCard', () => {
  it.each(names)('renders %s as its golden file', async (name) => {
    await expect(`${JSON.stringify(render(name), null, 2)}\n`).toMatchFileSnapshot(
      `../golden/teams/${kebab(name)}.json`,
    );
  });

  it.each(names)(
    'renders %s so the Adaptive Cards parser reports nothing and keeps every property',
    (name) => {
      const card = JSON.parse(JSON.stringify(render(name)));
      const { problems, roundTrip } = checkAdaptiveCard(card);
      expect(problems).toEqual([]);
      // `msteams` is a Teams host extension the generic library does not model; everything else must survive.
      const { msteams: _teamsOnly, ...portable } = card;
      expect(canonical(roundTrip)).toEqual(canonical(portable));
    },
  );

  it.each(names)('keeps %s under the card size budget', (name) => {
    expect(JSON.stringify(render(name)).length).toBeLessThan(TeamsCardLimits.cardJsonBytes);
  });

  it('is an Adaptive Card 1.5 whose refresh asks the bot for the current state', () => {
    const card = render('openSecretDeletion');
    expect(card.version).toBe('1.5');
    expect(card.refresh?.action).toEqual({
      type: 'Action.Execute',
      verb: TeamsVerbs.refresh,
      title: 'Refresh',
      data: { alertId: openSecretDeletion.id },
    });
  });

  it('offers Acknowledge at once, and Justify and Escalate as forms with a required reason', () => {
    const [ack, justify, escalate] = render('openSecretDeletion').actions ?? [];
    expect(ack).toMatchObject({ type: 'Action.Execute', verb: TeamsVerbs.acknowledge, title: 'Acknowledge' });
    expect(justify).toMatchObject({ type: 'Action.ShowCard', title: 'Justify' });
    const justifyForm = nodes(justify);
    expect(justifyForm).toContainEqual(
      expect.objectContaining({ type: 'Input.Text', id: TeamsInputIds.justifyReason, isRequired: true }),
    );
    expect(justifyForm).toContainEqual(
      expect.objectContaining({ type: 'Input.Text', id: TeamsInputIds.justifyTicketUrl, style: 'Url' }),
    );
    expect(justifyForm.find((n) => n.id === TeamsInputIds.justifyTicketUrl)?.isRequired).toBeUndefined();
    expect(justifyForm).toContainEqual(
      expect.objectContaining({ type: 'Action.Execute', verb: TeamsVerbs.justify }),
    );
    expect(escalate).toMatchObject({ type: 'Action.ShowCard', title: 'Escalate', style: 'destructive' });
    expect(nodes(escalate)).toContainEqual(
      expect.objectContaining({ type: 'Input.Text', id: TeamsInputIds.escalateReason, isRequired: true }),
    );
    const executes = ofType(render('openSecretDeletion'), 'Action.Execute');
    expect(executes.every((e) => (e.data as { alertId?: string }).alertId === openSecretDeletion.id)).toBe(
      true,
    );
  });

  it('drops each button once its action is recorded, and all of them once everything is done', () => {
    expect(render('acknowledged').actions?.map((a) => a.title)).toEqual(['Justify', 'Escalate']);
    const done = buildCard({
      ...openSecretDeletion,
      status: 'escalated',
      responses: ['acknowledge', 'justify', 'escalate'].map((action) =>
        aResponse({ action: action as 'acknowledge', text: 'x' }),
      ),
    });
    expect(renderTeamsCard(done).actions).toBeUndefined();
  });

  it('shows the justification and opens the ticket from a button titled with its host', () => {
    const card = render('justifiedWithTicket');
    const texts = ofType(card, 'TextRun').map((r) => r.text);
    expect(texts).toContain(
      '• Justified by alice, 14:05 UTC: Rotating the DB credentials after the vendor incident (ticket (jira.example.com))',
    );
    expect(ofType(card, 'Action.OpenUrl')).toContainEqual(
      expect.objectContaining({
        title: 'ticket (jira.example.com)',
        url: 'https://jira.example.com/browse/OPS-1234',
      }),
    );
  });
});

describe('renderTeamsCard: user-controlled text', () => {
  const injected = buildCard({
    ...mrkdwnInjection,
    responses: [
      ...mrkdwnInjection.responses,
      aResponse({
        action: 'escalate',
        text: '[ok](https://evil.example) **URGENT** <at>everyone</at> ![x](https://evil.example/pixel.png)',
      }),
    ],
  });
  const card = renderTeamsCard(injected);

  it('never puts it where Adaptive Cards reads markdown: no TextBlock, FactSet or Fact holds it', () => {
    const markdownHolders = [...ofType(card, 'TextBlock'), ...ofType(card, 'FactSet')];
    expect(JSON.stringify(markdownHolders)).not.toMatch(/evil|mallory|URGENT|channel/);
    expect(ofType(card, 'Fact')).toEqual([]);
  });

  it('shows links, bold markers and mentions typed by people literally, in plain TextRuns', () => {
    const texts = ofType(card, 'TextRun').map((r) => String(r.text));
    expect(texts.some((t) => t.includes('[ok](https://evil.example) **URGENT** <at>everyone</at>'))).toBe(
      true,
    );
    expect(texts).toContain('mallory deleted secret kube-system/<!channel> on prod-eu <@U0BOSS> *URGENT*');
    const openUrls = ofType(card, 'Action.OpenUrl').map((a) => a.url);
    expect(openUrls.filter((url) => String(url).includes('evil'))).toEqual([]);
  });

  it('does not turn a javascript: ticket link into a button', () => {
    expect(ofType(card, 'Action.OpenUrl').map((a) => a.url)).not.toContain('javascript:alert(1)');
  });

  it('reveals invisible and reordering characters', () => {
    const texts = ofType(card, 'TextRun').map((r) => String(r.text));
    expect(texts.some((t) => t.includes('kube[U+200B]system [U+202E]txt.exe'))).toBe(true);
  });

  it('cuts over-long values visibly', () => {
    const huge = render('hugeTruncation');
    const texts = ofType(huge, 'TextRun').map((r) => String(r.text));
    expect(texts.some((t) => /… \[\d+ more characters\]$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\d+ earlier responses are in the trail/.test(t))).toBe(true);
    expect(texts.some((t) => /^and \d+ more$/.test(t))).toBe(true);
  });
});
