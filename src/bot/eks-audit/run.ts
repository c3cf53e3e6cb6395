import type { UserDirectory } from '../../notify/ports';
import { renderEksAuditAnswer, type SlackCommandReply } from '../../notify/slack/report/render-answer';
import { emailDomain } from '../../report/actor-names';
import { answerEksAuditCommand, type EksAuditContext } from '../../report/answer';
import type { EksAuditCommand } from '../../report/command';
import { slackArchiveLinker } from '../../report/links';
import type { AlertFactSource } from '../../report/ports';
import { trailAlertFacts } from '../../report/trail-facts';
import type { Clock } from '../../shared/clock';
import { describeError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { AuditTrail } from '../../triage/ports';
import type { CommandDeferral } from './deferral';

/**
 * What `/eks-audit` uses. `SlackAppServices` provides the first four; the Slack function adds the other two
 * (see `registerEksAuditCommand`).
 */
export interface EksAuditServices {
  readonly trail: AuditTrail;
  readonly clock: Clock;
  readonly log: Logger;
  /** Finds the asker's e-mail (its domain) and resolves `<@U…>` mentions; optional. */
  readonly directory?: Pick<UserDirectory, 'userById'>;
  /** The slim report reader (`DynamoAlertFacts`); without it, reports read full alerts (slow past ~5,000). */
  readonly reportFacts?: AlertFactSource;
  /** Where `report` runs after the acknowledgement; without it, in the listener itself. */
  readonly commandDeferral?: CommandDeferral;
}

/** Who asked, and from which workspace. */
export interface Asker {
  readonly userId: string;
  readonly teamDomain?: string | undefined;
}

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/;

/**
 * Answers a parsed command as a Slack reply. Never throws: a failure is logged and answered in words, so the
 * person is never left with "Working on it…".
 *
 * @example
 * const reply = await eksAuditReply(parseEksAuditCommand('pending'), { userId: 'U0BOB' }, services);
 */
export async function eksAuditReply(
  command: EksAuditCommand,
  asker: Asker,
  services: EksAuditServices,
): Promise<SlackCommandReply> {
  try {
    const { command: resolved, context } = await withContext(command, asker, services);
    const facts = services.reportFacts ?? trailAlertFacts(services.trail);
    const answer = await answerEksAuditCommand(
      resolved,
      { trail: services.trail, facts, clock: services.clock },
      context,
    );
    return renderEksAuditAnswer(answer, { public: command.public });
  } catch (error) {
    services.log.error('eks-audit command failed', { command: command.name, error: describeError(error) });
    return renderEksAuditAnswer(
      {
        kind: 'help',
        problem: `/eks-audit ${command.name} failed (the audit trail or Slack did not answer); try again in a minute`,
      },
      { public: false },
    );
  }
}

/**
 * Adds what Slack knows: links to cards from the workspace domain; for `user`, the asker's e-mail domain (so
 * `alice` also finds `alice@<that domain>`) and, for a mention, the mentioned person's e-mail.
 */
async function withContext(
  command: EksAuditCommand,
  asker: Asker,
  services: EksAuditServices,
): Promise<{ command: EksAuditCommand; context: EksAuditContext }> {
  const linker = asker.teamDomain ? { linker: slackArchiveLinker(asker.teamDomain) } : {};
  if (command.name !== 'user' || !services.directory) return { command, context: linker };
  const directory = services.directory;
  const mention = MENTION.exec(command.who);
  const [me, mentioned] = await Promise.all([
    directory.userById(asker.userId).catch(() => undefined),
    mention ? directory.userById(mention[1] as string).catch(() => undefined) : undefined,
  ]);
  const domain = emailDomain(me?.email);
  const who = mention ? mention[2] || mentioned?.name || command.who : command.who;
  return {
    command: { ...command, who },
    context: {
      ...linker,
      ...(domain ? { actorDomains: [domain] } : {}),
      ...(mentioned?.email ? { actorEmails: [mentioned.email] } : {}),
    },
  };
}
