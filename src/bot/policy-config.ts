import { ConfigError } from '../shared/errors';
import { createTriagePolicy, type TriagePolicy, TriagePolicySchema } from '../triage/policy';

/** The allow-list settings, as every front end's environment names them. */
export interface PolicySettings {
  /** `ACK_ALLOWED`: Slack user ids (`U…`/`W…`) or user group ids (`S…`); empty = anyone in the channel. */
  readonly ACK_ALLOWED: readonly string[];
  /** `ESCALATE_ALLOWED`: the same, for Escalate. */
  readonly ESCALATE_ALLOWED: readonly string[];
}

const settingOf = { acknowledge: 'ACK_ALLOWED', escalate: 'ESCALATE_ALLOWED' } as const;

/**
 * Builds the triage policy from the validated environment, at cold start. An entry that is not a user or
 * group id fails here, naming the setting and the entry, rather than quietly letting nobody (or everybody)
 * act. Separation of duties is always on: the person who made a change cannot acknowledge it.
 *
 * @throws ConfigError e.g. `ACK_ALLOWED[1] ("bob"): expected a Slack user id (U…/W…), ...`
 * @example
 * const policy = triagePolicyFromEnv({ ACK_ALLOWED: ['S0SRE'], ESCALATE_ALLOWED: [] });
 */
export function triagePolicyFromEnv(env: PolicySettings): TriagePolicy {
  const parsed = TriagePolicySchema.safeParse({
    acknowledge: env.ACK_ALLOWED,
    escalate: env.ESCALATE_ALLOWED,
    separationOfDuties: true,
  });
  if (parsed.success) return createTriagePolicy(parsed.data);
  const problems = parsed.error.issues.map((issue) => {
    const [list, index] = issue.path;
    const setting = settingOf[list as keyof typeof settingOf] ?? String(list);
    const entry =
      typeof index === 'number'
        ? (list === 'acknowledge' ? env.ACK_ALLOWED : env.ESCALATE_ALLOWED)[index]
        : undefined;
    const where = typeof index === 'number' ? `${setting}[${index}] (${JSON.stringify(entry)})` : setting;
    return `  ${where}: ${issue.message}`;
  });
  throw new ConfigError(`invalid slack configuration:\n${problems.join('\n')}`);
}
