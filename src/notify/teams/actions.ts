/**
 * The Teams card's contract with the bot: the `Action.Execute` verbs and the input ids, in one place, so the
 * renderer and the `adaptiveCard/action` handler cannot disagree.
 */

/** The `verb` of every `Action.Execute` on the card (and of its `refresh`). */
export const TeamsVerbs = {
  acknowledge: 'eksAudit.acknowledge',
  justify: 'eksAudit.justify',
  escalate: 'eksAudit.escalate',
  /** Sent by the Teams client when it shows the card, so a stale card is replaced by the current one. */
  refresh: 'eksAudit.refresh',
} as const;
export type TeamsVerb = (typeof TeamsVerbs)[keyof typeof TeamsVerbs];

/** Input ids (unique across the card and its show-cards, as Adaptive Cards requires). */
export const TeamsInputIds = {
  justifyReason: 'justifyReason',
  justifyTicketUrl: 'justifyTicketUrl',
  escalateReason: 'escalateReason',
} as const;

/**
 * Sizes the card keeps to. Teams turns down bot messages larger than roughly 28 KB, so long values are cut
 * visibly (the trail keeps them whole) rather than letting the post fail.
 */
export const TeamsCardLimits = {
  /** A fact value (a name, an ARN, a user agent). */
  factValue: 500,
  /** One "why it matched" line. */
  reason: 300,
  reasons: 12,
  /** A status line: a justification can be 3,000 characters; the trail keeps all of it. */
  statusLine: 400,
  /** The latest ones; the card says how many earlier ones are in the trail. */
  statusLines: 15,
  /** Link buttons in the link row (Teams shows at most 6 actions in one set). */
  links: 5,
  /** The reason inputs accept what the trail stores (triageLimits.maxTextLength). */
  reasonInput: 3000,
  ticketUrlInput: 2000,
  /**
   * The size the card must stay under, leaving room for the activity around it within Teams' ~28 KB; the
   * tests check the worst-case fixture (every field over its budget) against it.
   */
  cardJsonBytes: 24_000,
} as const;

/** The data every `Action.Execute` on the card carries. */
export interface TeamsActionData {
  readonly alertId: string;
}
