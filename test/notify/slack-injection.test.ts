import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/notify/card-model';
import { renderSlackCard } from '../../src/notify/slack/render';
import { mrkdwnInjection } from '../fixtures/cards';
import { aResponse } from '../support/builders';

interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  verbatim?: boolean;
  emoji?: boolean;
}

/** Every text object in a message, wherever it sits. */
function textObjects(value: unknown): TextObject[] {
  if (Array.isArray(value)) return value.flatMap(textObjects);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = (record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string';
  return [...(own ? [record as unknown as TextObject] : []), ...Object.values(record).flatMap(textObjects)];
}

/**
 * The `<…>` sequences the renderer itself may write: a mention of a responder's validated Slack user id, and
 * links to URLs it built or checked (the Logs Insights console, MITRE, a ticket). Anything else in angle
 * brackets would be Slack syntax smuggled in by user text.
 */
const ourOwn =
  /<@U0MALLORY>|<https:\/\/(eu-west-1\.console\.aws\.amazon\.com|attack\.mitre\.org)\/[^<>\s]*\|[^<>]*>/g;

describe('Slack card injection', () => {
  const message = renderSlackCard(buildCard(mrkdwnInjection));
  const mrkdwn = [
    message.text,
    ...textObjects(message.blocks)
      .filter((t) => t.type === 'mrkdwn')
      .map((t) => t.text),
  ];

  it('leaves no unescaped < or > in any mrkdwn text, beyond the mentions and links it built', () => {
    for (const text of mrkdwn) expect(text.replace(ourOwn, '')).not.toMatch(/[<>]/);
  });

  it('shows a Secret named <!channel> as that literal text', () => {
    const what = mrkdwn.find((t) => t.startsWith('*What*'));
    expect(what).toContain('Object: `kube-system/&lt;!channel&gt;`');
    expect(message.text).toContain('kube-system/&lt;!channel&gt;');
  });

  it('shows a justification with a disguised link, mentions and formatting as literal text', () => {
    const status = mrkdwn.find((t) => t.startsWith('*Status:*')) ?? '';
    expect(status).toContain('see &lt;https://evil|ok&gt;');
    expect(status).toContain('ask &lt;@U123&gt; or ＠here');
    expect(status).toContain('∗approved∗ by &lt;!subteam^S0SEC&gt;');
    expect(status).not.toMatch(/<https:\/\/evil|<@U123>|<!subteam|<!channel>|<!here>|<!everyone>/);
  });

  it('never makes a bare @here, @channel or @everyone', () => {
    for (const text of mrkdwn) expect(text).not.toMatch(/@(here|channel|everyone)\b/i);
  });

  it('does not link a javascript: ticket, but still shows it as text', () => {
    const status = mrkdwn.find((t) => t.startsWith('*Status:*')) ?? '';
    expect(status).not.toContain('<javascript:');
    expect(status).toContain('(ticket: javascript:alert(1))');
  });

  it('reveals zero-width and right-to-left override characters', () => {
    const status = mrkdwn.find((t) => t.startsWith('*Status:*')) ?? '';
    expect(status).toContain('kube[U+200B]system [U+202E]txt.exe');
  });

  it('sets verbatim on every mrkdwn object and turns emoji parsing off on every plain_text object', () => {
    const objects = textObjects(message.blocks);
    expect(objects.filter((t) => t.type === 'mrkdwn').every((t) => t.verbatim === true)).toBe(true);
    expect(objects.filter((t) => t.type === 'plain_text').every((t) => t.emoji === false)).toBe(true);
  });

  it('names a responder who is not a Slack user by their escaped name, not by a mention', () => {
    const alert = {
      ...mrkdwnInjection,
      responses: [aResponse({ by: { platform: 'cli', userId: '<!channel>', name: 'root <!channel>' } })],
    };
    const status = renderSlackCard(buildCard(alert)).blocks.find(
      (b) => b.type === 'section' && b.text?.text.startsWith('*Status:*'),
    );
    expect(JSON.stringify(status)).toContain('Acknowledged by root &lt;!channel&gt;, 14:02 UTC');
  });
});
