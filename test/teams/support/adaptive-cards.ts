import { createRequire } from 'node:module';

/**
 * Microsoft's Adaptive Cards library (`adaptivecards`), the parser the Adaptive Cards designer and web hosts
 * use, loaded from its self-contained `dist/` bundle (its `lib/` build imports CSS and cannot be required in
 * Node). Used as the judge of our cards: what it cannot parse or flags, Teams will not render well.
 */
interface ValidationEvent {
  readonly phase: number;
  readonly event: number;
  readonly message: string;
}
interface SerializationContext {
  readonly eventCount: number;
  getEventAt(index: number): ValidationEvent;
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: SerializationContext): void;
    validateProperties(): { validationEvents: ValidationEvent[] };
    toJSON(context?: SerializationContext): unknown;
  };
  SerializationContext: new (targetVersion?: unknown) => SerializationContext;
  Versions: { v1_5: unknown };
}

const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** The parsed card as the library writes it back, and every problem it logged while parsing and validating. */
export interface AdaptiveCardCheck {
  readonly problems: readonly string[];
  readonly roundTrip: unknown;
}

/**
 * Parses `json` as an Adaptive Card targeting schema 1.5 and validates it.
 *
 * @example
 * expect(checkAdaptiveCard(card).problems).toEqual([]);
 */
export function checkAdaptiveCard(json: unknown): AdaptiveCardCheck {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  card.parse(JSON.parse(JSON.stringify(json)), context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return {
    problems,
    roundTrip: card.toJSON(new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5)),
  };
}
