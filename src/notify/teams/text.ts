import type { IRichTextBlock, ITextRun } from '@microsoft/teams.cards';
import { revealInvisible } from '../slack/escape';

/**
 * Text for Teams cards. Everything goes into `TextRun`s: Adaptive Cards renders a `TextRun` as plain text
 * (markdown is processed in `TextBlock` and `FactSet` only), which is the one escaping that works the same on
 * every Teams client; backslash escapes in `TextBlock`s are handled differently by desktop and mobile.
 */

/** A run's styling, plus `maxLength` to cut long values visibly. */
export type RunStyle = Omit<Partial<ITextRun>, 'type' | 'text'> & { readonly maxLength?: number };

/**
 * A plain-text run: invisible and reordering characters (zero-width spaces, bidi overrides) are shown as
 * `[U+200B]` so `kube\u200Bsystem` cannot pass for `kube-system`; over `maxLength` the text is cut and says so.
 *
 * @example
 * run('[ok](https://evil.example)').text; // '[ok](https://evil.example)' (a TextRun: never a link)
 * run('x'.repeat(600), { maxLength: 500 }).text.endsWith('[100 more characters]'); // true
 */
export function run(text: string, style: RunStyle = {}): ITextRun {
  const { maxLength, ...rest } = style;
  const visible = revealInvisible(text.replace(/\r\n?/g, '\n'));
  return { type: 'TextRun', text: clip(visible, maxLength), ...rest };
}

/**
 * `text`, or its first `max` characters followed by `… [N more characters]`.
 *
 * @example
 * clip('abcdef', 3); // 'abc… [3 more characters]'
 */
export function clip(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

/** A paragraph of runs. */
export function plainBlock(inlines: ITextRun[], options: { separator?: boolean } = {}): IRichTextBlock {
  return { type: 'RichTextBlock', inlines, ...(options.separator ? { separator: true } : {}) };
}

/** A small grey line (footers, notes). */
export function subtleLine(text: string): IRichTextBlock {
  return plainBlock([run(text, { isSubtle: true, size: 'Small' })]);
}
