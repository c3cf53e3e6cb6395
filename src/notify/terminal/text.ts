/**
 * Plain text for a terminal: what a person typed, or what an audit event carried, must never drive the
 * terminal. An escape sequence in a Secret's name could move the cursor, rewrite earlier lines (hide a
 * finding) or set the window title; a bidi override could reorder what is shown. Every such character is
 * shown as a visible `\u{..}` escape instead, so nothing is lost and nothing is executed.
 */

/**
 * C0 and C1 controls (ESC, CR, BEL, CSI...), DEL, line and paragraph separators, bidi controls, and the
 * invisible zero-width space, word joiner and BOM (a name with one looks the same as the name without).
 */
const UNSAFE = /[\p{Cc}\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/gu;

/**
 * `text` with every control and bidi character written as a visible escape; newlines and tabs included
 * (a card line is one line).
 *
 * @example
 * terminalSafe('db\u001b[2Kcreds'); // 'db\\u{1b}[2Kcreds'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}

/** The styles the renderer uses; each is a no-op without colour. */
export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  magenta(text: string): string;
}

const sgr =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

/** ANSI styles (SGR codes only: no cursor movement). */
export const ansiStyle: TerminalStyle = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
  magenta: sgr(35, 39),
};

const same = (text: string): string => text;

/** No styling at all: for pipes, files and `NO_COLOR`. */
export const plainStyle: TerminalStyle = {
  bold: same,
  dim: same,
  red: same,
  yellow: same,
  cyan: same,
  green: same,
  magenta: same,
};

/**
 * The style for `color`: ANSI when true, plain otherwise. The caller decides (TTY and `NO_COLOR`), so the
 * renderer stays pure.
 *
 * @example
 * styleFor(process.stdout.isTTY === true && !process.env.NO_COLOR);
 */
export function styleFor(color: boolean): TerminalStyle {
  return color ? ansiStyle : plainStyle;
}
