import { EksAuditError } from '../../shared/errors';

/**
 * A rules file that cannot be used. The message lists every problem, one per line, each naming the file, the
 * rule (by id and 1-based position) and the field:
 * `rules.yaml: rule 'secret-read' (#4): condition.pattern: column 12: expected a value after '='`.
 */
export class RulesFileError extends EksAuditError {
  override readonly name = 'RulesFileError';
  constructor(readonly problems: readonly string[]) {
    super('RULES_INVALID', problems.join('\n'));
  }
}
