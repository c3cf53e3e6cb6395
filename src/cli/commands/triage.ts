import { userInfo } from 'node:os';
import type { TriageCommandDeps } from '../../local/triage-cli-common';
import { systemClock } from '../../shared/clock';
import type { CliCommand } from '../io';
import { quietSdkNodeWarning } from './local-process';

const deps: TriageCommandDeps = { clock: systemClock, osUser: () => osUser() };

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is all there is.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * A local command, loaded when run: the store, the AWS SDK and the Slack adapters are only read by the
 * commands that use them, so `eks-audit match` and `--help` stay quick. The SDK's Node-version warning is
 * turned off (see local-process.ts).
 */
function lazy(name: string, summary: string, load: () => Promise<CliCommand>): CliCommand {
  return {
    name,
    summary,
    async run(args, io) {
      quietSdkNodeWarning();
      return (await load()).run(args, io);
    },
  };
}

const lists = () => import('../../local/list-commands');
const responses = () => import('../../local/respond-commands');

/** Local triage from the terminal: `alerts`, `show`, `ack`, `justify`, `escalate` (see src/local). */
export const triageCommands: readonly CliCommand[] = [
  lazy('alerts', 'list the alerts in the local trail (--open, --since 7d)', async () =>
    (await lists()).alertsCommand(deps),
  ),
  lazy('show', "print an alert's card and its whole trail", async () => (await lists()).showCommand(deps)),
  lazy('ack', 'acknowledge an alert from the terminal (--as EMAIL)', async () =>
    (await responses()).respondCommand('acknowledge', deps),
  ),
  lazy('justify', 'justify an alert: --reason "..." [--ticket URL]', async () =>
    (await responses()).respondCommand('justify', deps),
  ),
  lazy('escalate', 'escalate an alert: --reason "..."', async () =>
    (await responses()).respondCommand('escalate', deps),
  ),
];
