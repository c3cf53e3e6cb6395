/**
 * Slack's documented limits, each with where it is documented (checked against docs.slack.dev, 2026-11).
 * Lengths are counted in UTF-16 code units (`string.length`), which is never less than Slack's character
 * count, so staying under them is safe.
 */
export const SlackLimits = {
  /** Blocks in one message. https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message"). */
  messageBlocks: 50,
  /** Blocks in a modal or Home tab view. https://docs.slack.dev/reference/block-kit/blocks */
  viewBlocks: 100,
  /** Header block text (plain_text). https://docs.slack.dev/reference/block-kit/blocks/header-block */
  headerText: 150,
  /** Section block text. https://docs.slack.dev/reference/block-kit/blocks/section-block */
  sectionText: 3000,
  /** Section block fields: count and length of each. https://docs.slack.dev/reference/block-kit/blocks/section-block */
  sectionFields: 10,
  sectionFieldText: 2000,
  /** Context block elements. https://docs.slack.dev/reference/block-kit/blocks/context-block */
  contextElements: 10,
  /** Actions block elements. https://docs.slack.dev/reference/block-kit/blocks/actions-block */
  actionsElements: 25,
  /** Button text, value, url. https://docs.slack.dev/reference/block-kit/block-elements/button-element */
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  /** action_id and block_id. https://docs.slack.dev/reference/block-kit/block-elements/button-element */
  actionId: 255,
  blockId: 255,
  /** Confirmation dialog. https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object */
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Modal title, submit and close texts. https://docs.slack.dev/reference/views/modal-views */
  modalTitle: 24,
  modalSubmit: 24,
  modalClose: 24,
  /** Input block label. https://docs.slack.dev/reference/block-kit/blocks/input-block */
  inputLabel: 2000,
  /**
   * A message's top-level `text`: Slack truncates beyond 40,000 characters
   * (https://docs.slack.dev/reference/methods/chat.postMessage). Ours is a notification fallback, so we keep
   * it far shorter: see `fallbackText`.
   */
  messageText: 40_000,
  fallbackText: 300,
} as const;

const ELLIPSIS = '…';

/**
 * Shortens plain text to `max` characters, ending with `…` when cut (never splits a surrogate pair, so an
 * emoji is kept or dropped whole).
 *
 * @example
 * truncatePlain('abcdef', 4); // 'abc…'
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${dropHalfSurrogate(text.slice(0, Math.max(0, max - 1)))}${ELLIPSIS}`;
}

/**
 * Shortens mrkdwn that has already been escaped, to `max` characters, ending with `…` when cut. It never cuts
 * inside an entity (`&amp;`), a `<…>` link or mention, or a surrogate pair, and closes a code span it cut open,
 * so a truncated text never renders as something it was not.
 *
 * @example
 * truncateMrkdwn('`kube-system/db-creds`', 10); // '`kube-sy…`'
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  // Room for the ellipsis and, possibly, a closing backtick.
  let cut = dropHalfSurrogate(text.slice(0, Math.max(0, max - 2)));
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const lt = cut.lastIndexOf('<');
  if (lt !== -1 && !cut.slice(lt).includes('>')) cut = cut.slice(0, lt);
  const openCode = (cut.match(/`/g)?.length ?? 0) % 2 === 1;
  return `${cut}${ELLIPSIS}${openCode ? '`' : ''}`;
}

function dropHalfSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

/**
 * Records whether anything was shortened while rendering one card, so the card can say so.
 *
 * @example
 * const cuts = truncationLog();
 * cuts.plain('x'.repeat(200), 150); cuts.happened; // true
 */
export function truncationLog() {
  let happened = false;
  const note = (before: string, after: string) => {
    if (after !== before) happened = true;
    return after;
  };
  return {
    plain: (text: string, max: number) => note(text, truncatePlain(text, max)),
    mrkdwn: (text: string, max: number) => note(text, truncateMrkdwn(text, max)),
    /** Marks a cut made elsewhere (a list shortened, blocks dropped). */
    mark: () => {
      happened = true;
    },
    get happened() {
      return happened;
    },
  };
}
/** The log `truncationLog()` returns. */
export type TruncationLog = ReturnType<typeof truncationLog>;
