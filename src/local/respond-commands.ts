import type { CliCommand, CliIo } from '../cli/io';
import { ExitCode } from '../cli/io';
import { formatUtcDateTime } from '../notify/card-format';
import { terminalSafe } from '../notify/terminal/text';
import { responderText } from '../notify/terminal/trail';
import type { TriageOutcome } from '../triage/outcome';
import type { TriageAction } from '../triage/policy';
import { triageLimits } from '../triage/schemas';
import { terminalResponder } from './cli-responder';
import type { TerminalTriage } from './terminal-triage';
import {
  alertIdOf,
  dataDirOf,
  parseCommandArgs,
  type TriageCommandDeps,
  UsageError,
  withTerminalTriage,
} from './triage-cli-common';

const AS = '--as EMAIL (or EKS_AUDIT_USER_EMAIL): your e-mail, recorded with your OS user';
const usages: Readonly<Record<TriageAction, string>> = {
  acknowledge: `Usage: eks-audit ack <alert id> --as EMAIL [--data-dir DIR]\n  Records that you have seen the change. Not allowed on your own change (separation of duties).\n  ${AS}\n`,
  justify: `Usage: eks-audit justify <alert id> --reason "..." [--ticket URL] [--as EMAIL] [--data-dir DIR]\n  Records why the change was made (anyone may, the author included), with an optional ticket link.\n  ${AS}\n`,
  escalate: `Usage: eks-audit escalate <alert id> --reason "..." [--as EMAIL] [--data-dir DIR]\n  Records that this needs someone else's attention (once per alert) and tells the escalation channel.\n  ${AS}\n`,
};
const names: Readonly<Record<TriageAction, string>> = {
  acknowledge: 'ack',
  justify: 'justify',
  escalate: 'escalate',
};
const past: Readonly<Record<TriageAction, string>> = {
  acknowledge: 'Acknowledged',
  justify: 'Justified',
  escalate: 'Escalated',
};

/**
 * `eks-audit ack`, `justify` and `escalate`: the card buttons, from the terminal, through the same
 * `TriageService` (policy, separation of duties, conditional writes, card updates) as the Slack bot.
 * Exit 0 when recorded; 1 when refused, already done, not found or at the limit (the reason is printed);
 * 2 for usage errors.
 *
 * @example
 * await respondCommand('acknowledge', deps).run(['f-6b1d0c9e2a4f', '--as', 'bob@example.com'], io);
 */
export function respondCommand(action: TriageAction, deps: TriageCommandDeps): CliCommand {
  const name = names[action];
  return {
    name,
    summary: {
      acknowledge: 'acknowledge an alert from the terminal (--as EMAIL)',
      justify: 'justify an alert: --reason "..." [--ticket URL]',
      escalate: 'escalate an alert: --reason "..."',
    }[action],
    run: (args, io) =>
      withTerminalTriage(name, usages[action], io, deps, async (open) => {
        const { values, positionals } = parseCommandArgs(args, {
          as: { type: 'string' },
          ...(action === 'acknowledge' ? {} : { reason: { type: 'string', short: 'r' } }),
          ...(action === 'justify' ? { ticket: { type: 'string' } } : {}),
        });
        if (values.help) {
          io.stdout.write(usages[action]);
          return ExitCode.ok;
        }
        const id = alertIdOf(positionals);
        const asEmail = (values.as as string | undefined) ?? io.env.EKS_AUDIT_USER_EMAIL;
        if (action === 'acknowledge' && !asEmail?.trim()) {
          throw new UsageError(
            'say who you are with --as EMAIL (or EKS_AUDIT_USER_EMAIL): separation of duties needs your e-mail to check that the change is not yours',
          );
        }
        const reason = values.reason as string | undefined;
        if (action !== 'acknowledge' && !reason?.trim()) throw new UsageError('--reason "..." is required');
        const responder = terminalResponder({ osUser: deps.osUser(), asEmail });
        const local = await open(dataDirOf(values['data-dir'], io));
        const outcome = await perform(
          local,
          action,
          id,
          responder,
          reason ?? '',
          values.ticket as string | undefined,
        );
        return report(outcome, local, io);
      }),
  };
}

function perform(
  local: TerminalTriage,
  action: TriageAction,
  id: string,
  responder: ReturnType<typeof terminalResponder>,
  reason: string,
  ticketUrl: string | undefined,
): Promise<TriageOutcome> {
  switch (action) {
    case 'acknowledge':
      return local.triage.acknowledge(id, responder);
    case 'justify':
      return local.triage.justify(id, responder, { reason, ticketUrl });
    case 'escalate':
      return local.triage.escalate(id, responder, { reason });
  }
}

function report(outcome: TriageOutcome, local: TerminalTriage, io: CliIo): number {
  switch (outcome.kind) {
    case 'ok': {
      io.stdout.write(
        `${past[outcome.action]} ${outcome.alert.id} as ${responderText(outcome.response.by)}: now ${outcome.alert.status}.\n`,
      );
      for (const failure of outcome.followUp.failures) {
        io.stderr.write(
          `recorded, but the ${failure.kind} ${terminalSafe(failure.target)} was not told: ${terminalSafe(failure.error)}\n`,
        );
      }
      const stale = outcome.alert.messages.filter((message) => !local.canUpdate.has(message.platform));
      for (const message of stale) {
        io.stderr.write(
          `note: the ${message.platform} card in ${terminalSafe(message.channel)} was not updated from here (set SLACK_BOT_TOKEN to update it)\n`,
        );
      }
      return ExitCode.ok;
    }
    case 'refused':
      io.stderr.write(`refused: ${terminalSafe(outcome.reason)} (the attempt is recorded in the trail)\n`);
      return ExitCode.failure;
    case 'already-done':
      io.stderr.write(
        `already ${past[outcome.action].toLowerCase()} by ${responderText(outcome.by)} at ${formatUtcDateTime(outcome.at)}\n`,
      );
      return ExitCode.failure;
    case 'limit-reached':
      io.stderr.write(
        `this alert already holds ${triageLimits.maxJustifications} justifications, as many as it can keep\n`,
      );
      return ExitCode.failure;
    case 'not-found':
      io.stderr.write(
        `no alert ${JSON.stringify(outcome.alertId)} in ${local.store.dataDir} (see eks-audit alerts)\n`,
      );
      return ExitCode.failure;
  }
}
