import { commands } from './commands/index';
import { type CliIo, ExitCode } from './io';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: eks-audit <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `eks-audit <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

/**
 * The CLI entry: dispatches to one command and returns its exit status.
 *
 * @example
 * process.exitCode = await main(['match', '--pattern', '"ERROR"', 'app.log']);
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`eks-audit: unknown command '${name}'\n\n${usage()}`);
    return ExitCode.usage;
  }
  return command.run(rest, io);
}

function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  };
}
