import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CliIo } from '../cli/io';
import { ExitCode } from '../cli/io';
import type { Clock } from '../shared/clock';
import { describeError, EksAuditError, InputError } from '../shared/errors';
import { wantsColor } from './cli-color';
import { DEFAULT_DATA_DIR } from './start-options';
import { terminalLogger } from './terminal-log';
import { openTerminalTriage, type TerminalTriage } from './terminal-triage';

/** What the triage commands are built with; tests pin both. */
export interface TriageCommandDeps {
  readonly clock: Clock;
  /** The OS user at the terminal (`os.userInfo().username`). */
  readonly osUser: () => string;
}

/** A usage error: the command prints it with its usage line and exits 2. */
export class UsageError extends EksAuditError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** The `--data-dir` option every triage command takes. */
export const dataDirOption = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses a command's arguments, turning node's errors into `UsageError`s.
 *
 * @example
 * const { values, positionals } = parseCommandArgs(args, { open: { type: 'boolean' } });
 */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...dataDirOption, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The data folder: `--data-dir` over `EKS_AUDIT_DATA_DIR` over `./.data`, as for `eks-audit start`. */
export function dataDirOf(option: string | undefined, io: CliIo): string {
  return resolve(io.cwd, option ?? io.env.EKS_AUDIT_DATA_DIR ?? DEFAULT_DATA_DIR);
}

/** The one alert id argument. */
export function alertIdOf(positionals: readonly string[]): string {
  const [id, ...rest] = positionals;
  if (id === undefined || id.trim() === '')
    throw new UsageError('missing the alert id (see eks-audit alerts)');
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
  return id.trim();
}

/**
 * Runs a triage command body with the local triage open, and maps errors to exit statuses: usage errors 2
 * (with the usage text), anything else 1 with a one-line message. The store is always closed.
 */
export async function withTerminalTriage(
  name: string,
  usage: string,
  io: CliIo,
  deps: TriageCommandDeps,
  body: (open: (dataDir: string) => Promise<TerminalTriage>) => Promise<number>,
): Promise<number> {
  const color = wantsColor(io.stdout, io.env);
  let local: TerminalTriage | undefined;
  const open = async (dataDir: string) => {
    local = await openTerminalTriage({
      dataDir,
      env: io.env,
      clock: deps.clock,
      log: terminalLogger((line) => io.stderr.write(line), 'warn'),
      write: (text) => io.stdout.write(text),
      color,
    });
    return local;
  };
  try {
    return await body(open);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr.write(`eks-audit ${name}: ${error.message}\n${usage}`);
      return ExitCode.usage;
    }
    const message = error instanceof EksAuditError ? error.message : describeError(error);
    io.stderr.write(`eks-audit ${name}: ${message}\n`);
    return ExitCode.failure;
  } finally {
    await local?.close();
  }
}
