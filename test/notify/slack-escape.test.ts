import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mrkdwnCode, mrkdwnLink, plainText } from '../../src/notify/slack/escape';

/** What Slack would treat as a control sequence: any `<` or `>` left raw, or `&` not starting an entity. */
const rawControl = /[<>]|&(?!(amp|lt|gt);)/;

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so mentions and links stay literal text', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> <https://evil|ok>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://evil|ok&gt;',
    );
  });

  it('turns bare @here, @channel and @everyone into a look-alike that cannot notify', () => {
    expect(escapeMrkdwn('ping @here and @Channel, mail ops@everyone.example')).toBe(
      'ping ＠here and ＠Channel, mail ops＠everyone.example',
    );
  });

  it('neutralises formatting markers at word edges but leaves identifiers alone', () => {
    expect(escapeMrkdwn('*bold* _italic_ ~strike~ `code`')).toBe('∗bold∗ ˍitalicˍ ∼strike∼ ˋcodeˋ');
    expect(escapeMrkdwn('db_creds a*b x~y')).toBe('db_creds a*b x~y');
  });

  it('stops a line from becoming a block quote', () => {
    expect(escapeMrkdwn('> approved\n  > by security')).toBe('＞ approved\n  ＞ by security');
  });

  it('reveals zero-width and bidi characters instead of letting them hide', () => {
    expect(escapeMrkdwn('kube\u200Bsystem \u202Etxt.exe')).toBe('kube[U+200B]system [U+202E]txt.exe');
  });

  it('flattens newlines when asked for one line', () => {
    expect(escapeMrkdwn('a\r\nb\rc\nd', { singleLine: true })).toBe('a b c d');
  });

  it('never leaves a raw control character, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(escapeMrkdwn(text)).not.toMatch(rawControl);
        expect(escapeMrkdwn(text)).not.toMatch(/@(here|channel|everyone)\b/i);
      }),
    );
  });
});

describe('mrkdwnCode', () => {
  it('shows an identifier verbatim in a code span, escaped', () => {
    expect(mrkdwnCode('db_creds*')).toBe('`db_creds*`');
    expect(mrkdwnCode('<!channel>')).toBe('`&lt;!channel&gt;`');
  });

  it('cannot be closed early by a backtick or a newline', () => {
    expect(mrkdwnCode('a`b\nc')).toBe('`aˋb␤c`');
  });

  it('always yields exactly one balanced code span with nothing raw inside', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const code = mrkdwnCode(text);
        expect(code === '–' || /^`[^`\n]*`$/.test(code)).toBe(true);
        expect(code).not.toMatch(rawControl);
      }),
    );
  });
});

describe('mrkdwnLink', () => {
  it('keeps the URL from ending early or carrying its own label', () => {
    expect(mrkdwnLink('https://a.example/x|y>z?q=1&r=2', '<b>')).toBe(
      '<https://a.example/x%7Cy%3Ez?q=1&amp;r=2|&lt;b&gt;>',
    );
  });
});

describe('plainText', () => {
  it('leaves mention syntax alone (plain_text is not parsed) but reveals hidden characters', () => {
    expect(plainText('<!channel>\u200B\nnext')).toBe('<!channel>[U+200B] next');
  });
});
