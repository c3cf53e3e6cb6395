import type { CliCommand } from '../cli/io';
import { ExitCode } from '../cli/io';
import { buildCard } from '../notify/card-model';
import { renderAlertList } from '../notify/terminal/list';
import { renderTerminalCard } from '../notify/terminal/render';
import { renderTerminalTrail } from '../notify/terminal/trail';
import type { Alert } from '../triage/model';
import type { AlertPage } from '../triage/ports';
import { wantsColor } from './cli-color';
import { parseDuration } from './duration';
import {
  alertIdOf,
  dataDirOf,
  parseCommandArgs,
  type TriageCommandDeps,
  UsageError,
  withTerminalTriage,
} from './triage-cli-common';

const ALERTS_USAGE = `Usage: eks-audit alerts [--open] [--since 7d] [--limit N] [--data-dir DIR]
  Lists the alerts in the local trail, newest change first (--open: alerts nobody has responded to, oldest
  first). --since: changes in the last 30m, 24h, 7d, 2w... (default: the 400 days alerts are kept).
`;
const SHOW_USAGE = `Usage: eks-audit show <alert id> [--data-dir DIR]
  Prints the alert's card and its whole trail (refused attempts included).
`;

/** Alerts are kept 400 days (the trail's retention); listings look that far back unless told otherwise. */
const RETENTION_MS = 400 * 86_400_000;
/** Changes stamped a little in the future (clock skew between cluster and laptop) are still listed. */
const FUTURE_SLACK_MS = 30 * 86_400_000;

/** `eks-audit alerts`: the local trail's alerts as a table. */
export function alertsCommand(deps: TriageCommandDeps): CliCommand {
  return {
    name: 'alerts',
    summary: 'list the alerts in the local trail (--open, --since 7d)',
    run: (args, io) =>
      withTerminalTriage('alerts', ALERTS_USAGE, io, deps, async (open) => {
        const { values, positionals } = parseCommandArgs(args, {
          open: { type: 'boolean' },
          since: { type: 'string' },
          limit: { type: 'string' },
        });
        if (values.help) {
          io.stdout.write(ALERTS_USAGE);
          return ExitCode.ok;
        }
        if (positionals.length > 0)
          throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
        const limit = limitOf(values.limit);
        const now = deps.clock().getTime();
        const from =
          now - (values.since === undefined ? RETENTION_MS : parseDuration(values.since, '--since'));
        const local = await open(dataDirOf(values['data-dir'], io));
        const page: AlertPage = values.open
          ? await local.store.trail.listOpen({ limit: 1000 })
          : await local.store.trail.listByTimeRange({
              from: new Date(from),
              to: new Date(now + FUTURE_SLACK_MS),
              order: 'newest-first',
              limit,
            });
        const alerts = page.items.filter((alert) => Date.parse(alert.finding.time) >= from).slice(0, limit);
        io.stdout.write(
          alerts.length === 0
            ? 'No alerts.\n'
            : renderAlertList(alerts, { color: wantsColor(io.stdout, io.env) }),
        );
        const more = page.cursor !== undefined || page.items.length > alerts.length;
        if (more && alerts.length === limit) io.stdout.write(`(first ${limit}; use --limit for more)\n`);
        if (page.skipped > 0)
          io.stderr.write(`${page.skipped} stored alert(s) could not be read and were left out\n`);
        return ExitCode.ok;
      }),
  };
}

/** `eks-audit show <id>`: the card and the whole trail. */
export function showCommand(deps: TriageCommandDeps): CliCommand {
  return {
    name: 'show',
    summary: "print an alert's card and its whole trail",
    run: (args, io) =>
      withTerminalTriage('show', SHOW_USAGE, io, deps, async (open) => {
        const { values, positionals } = parseCommandArgs(args, {});
        if (values.help) {
          io.stdout.write(SHOW_USAGE);
          return ExitCode.ok;
        }
        const id = alertIdOf(positionals);
        const local = await open(dataDirOf(values['data-dir'], io));
        const alert: Alert | undefined = await local.store.trail.getAlert(id);
        if (!alert) {
          io.stderr.write(`eks-audit show: no alert ${JSON.stringify(id)} in ${local.store.dataDir}\n`);
          return ExitCode.failure;
        }
        const color = wantsColor(io.stdout, io.env);
        io.stdout.write(renderTerminalCard(buildCard(alert), { color, command: 'npx eks-audit' }));
        io.stdout.write(renderTerminalTrail(alert, { color }));
        return ExitCode.ok;
      }),
  };
}

function limitOf(text: string | undefined): number {
  if (text === undefined) return 50;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new UsageError(`--limit must be a whole number from 1 to 1000, got ${JSON.stringify(text)}`);
  }
  return limit;
}
