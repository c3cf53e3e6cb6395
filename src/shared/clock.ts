/** The clock is injected everywhere, so the pure core never calls `Date.now()` and tests pin time. */
export type Clock = () => Date;

/** The real wall clock, for entry points only. */
export const systemClock: Clock = () => new Date();
