import { ConfigError } from '../shared/errors';
import * as z from '../shared/zod';

/** A comma-separated list in an environment variable: `"a, b,,c"` -> `['a', 'b', 'c']`. */
export const csvList = z.pipe(
  z.optional(z.string()),
  z.transform((value) =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  ),
);

/** A JSON document in an environment variable, validated by `schema`. */
export function jsonValue<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform((value, ctx) => {
        if (value === undefined || value.trim() === '') return undefined;
        try {
          return JSON.parse(value) as unknown;
        } catch (error) {
          ctx.issues.push({
            code: 'custom',
            message: `is not valid JSON (${(error as Error).message})`,
            input: value,
          });
          return z.NEVER;
        }
      }),
    ),
    z.optional(schema),
  );
}

/**
 * Parses `env` with `schema`, or throws a ConfigError naming every bad setting and what was expected.
 *
 * @example
 * const config = parseEnv(IngestEnvSchema, process.env, 'ingest');
 */
export function parseEnv<T extends z.ZodMiniType>(
  schema: T,
  env: NodeJS.ProcessEnv,
  component: string,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const setting = issue.path.join('.') || '(environment)';
    return `  ${setting}: ${issue.message}`;
  });
  throw new ConfigError(`invalid ${component} configuration:\n${problems.join('\n')}`);
}
