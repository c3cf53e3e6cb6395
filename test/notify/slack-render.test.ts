import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/notify/card-model';
import { SlackActionIds } from '../../src/notify/slack/action-ids';
import { renderSlackCard } from '../../src/notify/slack/render';
import { type CardFixtureName, cardFixtures, hugeTruncation } from '../fixtures/cards';
import { validateBlocks } from '../support/block-kit-rules';

const render = (name: CardFixtureName) => renderSlackCard(buildCard(cardFixtures[name]));
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const names = Object.keys(cardFixtures) as CardFixtureName[];

describe('renderSlackCard', () => {
  it.each(names)('renders %s as its golden file', async (name) => {
    const message = render(name);
    await expect(`${JSON.stringify(message, null, 2)}\n`).toMatchFileSnapshot(
      `../golden/slack/${kebab(name)}.json`,
    );
  });

  it.each(names)('renders %s within every Block Kit limit Slack checks', (name) => {
    const { text, blocks } = render(name);
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(300);
  });

  it('puts severity and the one-line summary in a plain_text header', () => {
    const [header] = render('openSecretDeletion').blocks;
    expect(header).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: '🔴 HIGH · alice@example.com deleted secret kube-system/db-creds on prod-eu',
        emoji: false,
      },
    });
  });

  it('says DENIED in the header of a refused attempt', () => {
    expect(JSON.stringify(render('deniedAttempt').blocks[0])).toContain('HIGH · DENIED · dave@example.com');
  });

  it('gives each button its action id, the alert id as value, and a confirmation on Escalate', () => {
    const actions = render('openSecretDeletion').blocks.at(-1);
    expect(actions?.type).toBe('actions');
    const buttons = actions?.type === 'actions' ? actions.elements : [];
    expect(buttons.map((b) => ('action_id' in b ? b.action_id : undefined))).toEqual([
      SlackActionIds.acknowledge,
      SlackActionIds.justify,
      SlackActionIds.escalate,
    ]);
    for (const button of buttons)
      expect('value' in button && button.value).toBe('{"v":1,"alertId":"f-6b1d0c9e2a4f"}');
    expect(buttons[2]).toMatchObject({ style: 'danger', confirm: { confirm: { text: 'Escalate' } } });
  });

  it('shows who acknowledged, and no Acknowledge button any more', () => {
    const { blocks } = render('acknowledged');
    expect(JSON.stringify(blocks)).toContain('✅ Acknowledged by <@U0BOB>, 14:02 UTC');
    expect(JSON.stringify(blocks)).not.toContain(SlackActionIds.acknowledge);
  });

  it('links the justification’s ticket, naming its host so the link cannot pass for another', () => {
    expect(JSON.stringify(render('justifiedWithTicket').blocks)).toContain(
      '(<https://jira.example.com/browse/OPS-1234|ticket (jira.example.com)>)',
    );
  });

  it('keeps the card to a fixed handful of blocks, however large the finding', () => {
    expect(render('hugeTruncation').blocks.length).toBeLessThanOrEqual(8);
  });

  it('shortens what does not fit visibly, and says so on the card', () => {
    const json = JSON.stringify(render('hugeTruncation').blocks);
    expect(json).toContain('…');
    expect(json).toContain('• … and ');
    expect(json).toContain('earlier responses not shown');
    expect(json).toContain("Some details were shortened to fit Slack's limits");
    expect(json).toContain(`/eks-audit show ${hugeTruncation.id}`);
    expect(JSON.stringify(render('openSecretDeletion').blocks)).not.toContain('shortened');
  });

  it('keeps at most ten links, and says when some were left out', () => {
    const extraLinks = Array.from({ length: 12 }, (_, i) => ({
      label: `runbook ${i}`,
      url: `https://wiki.example.com/${i}`,
    }));
    const { blocks } = renderSlackCard(buildCard(cardFixtures.openSecretDeletion, { extraLinks }));
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('Some details were shortened');
  });

  it('keeps the newest responses when they do not all fit', () => {
    const json = JSON.stringify(render('hugeTruncation').blocks);
    expect(json).toContain('justification 40:');
    expect(json).not.toContain('justification 1:');
  });

  it('drops the actions block once every action has been recorded', () => {
    const done = {
      ...cardFixtures.justifiedWithTicket,
      status: 'escalated' as const,
      responses: [
        ...cardFixtures.justifiedWithTicket.responses,
        ...cardFixtures.escalated.responses.filter((r) => r.action === 'escalate'),
      ],
    };
    const { blocks } = renderSlackCard(buildCard(done));
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });
});
