import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  compileFilterPattern,
  type FilterPattern,
  FilterPatternError,
  formatFilterPatternError,
} from '../../filter-pattern';
import { describeError } from '../../shared/errors';
import { type CliCommand, type CliIo, ExitCode } from '../io';

const USAGE = "Usage: eks-audit match --pattern '<filter pattern>' [FILE]\n";

const HELP = `${USAGE}
Reads log messages, one per line, from FILE (or standard input when FILE is absent or -) and prints one line
per message, in order: \`match\` when the CloudWatch Logs filter pattern matches it, \`no match\` otherwise.
The pattern is read exactly as CloudWatch reads it: terms, "quoted phrases", ?alternatives, -exclusions,
[space, delimited, ...] fields, { $.json.selectors = values } and %regular expressions%.

Options:
  -p, --pattern <pattern>  the filter pattern (at most 1024 characters); required
  -h, --help               show this help

Exit status: 0 when every line was read; 2 for an invalid pattern (the error, with its column, on standard
error, nothing on standard output) or bad options; 1 when FILE cannot be read.

Examples:
  eks-audit match --pattern 'ERROR -ARGUMENTS' app.log
  eks-audit match --pattern '{ $.verb = "delete" && $.objectRef.resource = "secrets" }' audit.jsonl
  eks-audit match --pattern '[ip, user, ..., status_code = 4*, bytes > 1000]' access.log
  kubectl get --raw /metrics | eks-audit match --pattern '%^apiserver_request_total%'
  eks-audit match --pattern='-DEBUG' app.log     (a pattern starting with '-' needs the = form)
`;

/**
 * `eks-audit match`: tests a filter pattern against log lines, streaming, so files of any size work.
 *
 * @example
 * await matchCommand.run(['--pattern', 'ERROR', 'app.log'], io); // prints `match` / `no match` per line
 */
export const matchCommand: CliCommand = {
  name: 'match',
  summary: 'test a CloudWatch Logs filter pattern against log lines (match / no match per line)',
  async run(args, io) {
    const options = readOptions(args, io);
    if (typeof options === 'number') return options;
    const pattern = compileOrReport(options.pattern, io);
    if (!pattern) return ExitCode.usage;
    const input = await openInput(options.file, io);
    if (!input) return ExitCode.failure;
    await printMatches(pattern, input, io);
    return ExitCode.ok;
  },
};

function readOptions(args: readonly string[], io: CliIo): { pattern: string; file?: string } | number {
  let parsed: ReturnType<typeof parseMatchArgs>;
  try {
    parsed = parseMatchArgs(args);
  } catch (error) {
    io.stderr.write(`eks-audit match: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return ExitCode.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return ExitCode.ok;
  }
  if (values.pattern === undefined) {
    io.stderr.write(
      `eks-audit match: --pattern is required\n${USAGE}Run \`eks-audit match --help\` for examples.\n`,
    );
    return ExitCode.usage;
  }
  if (positionals.length > 1) {
    io.stderr.write(`eks-audit match: expected at most one FILE, got ${positionals.length}\n${USAGE}`);
    return ExitCode.usage;
  }
  const [file] = positionals;
  return file === undefined ? { pattern: values.pattern } : { pattern: values.pattern, file };
}

function parseMatchArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: { pattern: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
}

function compileOrReport(text: string, io: CliIo): FilterPattern | undefined {
  try {
    return compileFilterPattern(text);
  } catch (error) {
    if (!(error instanceof FilterPatternError)) throw error;
    io.stderr.write(formatFilterPatternError(error, text));
    return undefined;
  }
}

async function openInput(file: string | undefined, io: CliIo): Promise<Readable | undefined> {
  if (file === undefined || file === '-') return io.stdin;
  try {
    const handle = await open(resolve(io.cwd, file), 'r');
    return handle.createReadStream();
  } catch (error) {
    io.stderr.write(`eks-audit match: cannot read ${file}: ${describeError(error)}\n`);
    return undefined;
  }
}

/** Writes in batches and waits for `drain`, so a slow reader of stdout never makes memory grow. */
async function printMatches(pattern: FilterPattern, input: Readable, io: CliIo): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let batch = '';
  for await (const line of lines) {
    batch += pattern.matches(line) ? 'match\n' : 'no match\n';
    if (batch.length >= 16_384) {
      if (!io.stdout.write(batch)) await once(io.stdout, 'drain');
      batch = '';
    }
  }
  if (batch) io.stdout.write(batch);
}
