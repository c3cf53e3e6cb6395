/**
 * Escaping of user-controlled text for Slack mrkdwn. Everything that reaches a card from outside (object
 * names, user names, user agents, justifications, reasons quoting those) goes through here, so it can never
 * mention `@channel`, `@here` or a person, never become a link, and never fake formatting.
 *
 * https://docs.slack.dev/messaging/formatting-message-text#escaping: `&`, `<` and `>` are Slack's control
 * characters and must be sent as `&amp;`, `&lt;`, `&gt;`. That alone defeats `<!channel>`, `<!here>`,
 * `<@U123>`, `<!subteam^S1>` and disguised links `<https://evil|ok>`. The renderer also sets
 * `verbatim: true` on every mrkdwn object, which stops Slack from auto-linking URLs and auto-parsing bare
 * `@here`-style mentions; the replacements below are a second line of defence that does not depend on it.
 */

/**
 * Characters that are invisible or reorder text (zero-width spaces and joiners, bidi overrides and isolates,
 * the BOM, soft hyphen, Hangul fillers, C0/C1 controls except tab and newline): they can make
 * `kube-system` and `kube\u200Bsystem` look alike, or show `exe.txt` for `txt.exe`. They are made visible as
 * `[U+202E]` rather than removed, so the reader sees that something is there.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]/g;

/** Slack's broadcast words: `@channel`, `@here`, `@everyone`, shown with a full-width ＠ that cannot notify. */
const BROADCAST = /@(channel|here|everyone)\b/gi;

/**
 * Formatting markers at a word boundary, where Slack would read them as bold, italic, strike or code. Inside a
 * word (`db_creds`, `a*b`) Slack leaves them alone, and so do we, so identifiers in prose stay as they are.
 */
const FORMATTING_EDGE = /(?<=^|[^\p{L}\p{N}])[*_~]|[*_~](?=$|[^\p{L}\p{N}])/gmu;
const LOOKALIKE: Readonly<Record<string, string>> = { '*': '∗', _: 'ˍ', '~': '∼' };

/** Makes invisible characters visible: `kube\u200Bsystem` -> `kube[U+200B]system`. */
export function revealInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** `&`, `<`, `>` as entities: the one escaping Slack documents. */
export function escapeControlCharacters(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Escapes user-controlled prose for a mrkdwn text object. The result reads the same to a person but cannot
 * mention anyone, link anywhere, format itself, quote itself, or hide characters.
 *
 * @example
 * escapeMrkdwn('<!channel> see <https://evil|ok> *now*');
 * // '&lt;!channel&gt; see &lt;https://evil|ok&gt; ∗now∗'
 */
export function escapeMrkdwn(text: string, options: { singleLine?: boolean } = {}): string {
  let out = revealInvisible(normalizeNewlines(text));
  if (options.singleLine) out = out.replaceAll('\n', ' ');
  out = out.replace(BROADCAST, '＠$1');
  out = out.replace(/`/g, 'ˋ');
  out = out.replace(FORMATTING_EDGE, (marker) => LOOKALIKE[marker] ?? marker);
  // A line starting with `>` would render as a block quote, as if someone else had said it.
  out = out.replace(/^(\s*)>/gm, '$1＞');
  return escapeControlCharacters(out);
}

/**
 * An identifier as an inline code span, shown verbatim: code spans are not formatted by Slack, so `*`, `_`
 * and `~` stay as they are (copy-paste gives the real name); `&<>` are still escaped, a backtick (which
 * would close the span) becomes `ˋ`, newlines become `␤`, invisible characters are revealed.
 *
 * @example
 * mrkdwnCode('<!channel>'); // '`&lt;!channel&gt;`'
 */
export function mrkdwnCode(text: string): string {
  const body = revealInvisible(normalizeNewlines(text))
    .replaceAll('\n', '␤')
    .replace(/`/g, 'ˋ')
    .replace(BROADCAST, '＠$1');
  return body === '' ? '–' : `\`${escapeControlCharacters(body)}\``;
}

/**
 * A link we built or checked (an http(s) URL), with an escaped label. `|`, `<` and `>` in the URL are
 * percent-encoded and `&` entity-escaped, so the URL cannot end early and smuggle in a label of its own.
 *
 * @example
 * mrkdwnLink('https://example.com/a?b=1&c=2', 'ticket'); // '<https://example.com/a?b=1&amp;c=2|ticket>'
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url
    .replace(/\|/g, '%7C')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\s/g, encodeURIComponent)
    .replaceAll('&', '&amp;');
  return `<${safeUrl}|${escapeMrkdwn(label, { singleLine: true })}>`;
}

/**
 * Text for a plain_text object (header, button, confirm dialog, fallback-free places): Slack does not parse it
 * for mentions, links or formatting (we also send `emoji: false`, so `:shortcodes:` stay literal), so only
 * invisible characters need revealing and newlines flattening.
 *
 * @example
 * plainText('db\u200Bcreds'); // 'db[U+200B]creds'
 */
export function plainText(text: string): string {
  return revealInvisible(normalizeNewlines(text)).replaceAll('\n', ' ');
}

/** `\r\n` and lone `\r` as `\n`, before `\r` would be revealed as a control character. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
