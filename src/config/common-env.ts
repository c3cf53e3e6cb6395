import * as z from '../shared/zod';

/** Settings every component shares. */
export const CommonEnv = {
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  AWS_REGION: z.optional(z.string().check(z.minLength(1))),
};
