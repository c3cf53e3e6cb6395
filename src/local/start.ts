import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeInput, decodeInputBytes } from '../audit/decode';
import { type CliIo, ExitCode } from '../cli/io';
import type { Clock } from '../shared/clock';
import { describeError, EksAuditError } from '../shared/errors';
import { wantsColor } from './cli-color';
import { type LocalPipeline, startLocalPipeline } from './pipeline';
import type { StartOptions } from './start-options';
import { alertsLine, inputLine, readyText, slackHint, startBanner, triageHelp } from './start-report';
import { terminalLogger } from './terminal-log';

/** The bundled sample, replayed at start unless `--no-sample`. */
export const SAMPLE_FILE = fileURLToPath(new URL('../../samples/eks-audit-sample.jsonl', import.meta.url));

/** What `runLocalStart` needs besides the options; tests inject a stop signal they control. */
export interface LocalStartDeps {
  readonly clock: Clock;
  /** Resolves when the server should stop (Ctrl-C, SIGTERM). */
  readonly waitForStop: () => Promise<void>;
  /** Called once the pipeline is up (tests read the URL from it). */
  readonly onReady?: (pipeline: LocalPipeline) => void;
}

/**
 * `eks-audit start`: starts the local pipeline, replays the sample and the files, prints the cards and a
 * summary, then serves the webhook until stopped (or exits at once with `--once`). Returns the exit status:
 * 0, or 1 when a file could not be read, a finding was not delivered, or the pipeline could not start.
 *
 * @example
 * process.exitCode = await runLocalStart(parseStartOptions(args, env, cwd), io, { clock: systemClock, waitForStop });
 */
export async function runLocalStart(options: StartOptions, io: CliIo, deps: LocalStartDeps): Promise<number> {
  const log = terminalLogger((text) => io.stderr.write(text), options.verbose ? 'info' : 'warn');
  const write = (text: string) => io.stdout.write(text);
  let pipeline: LocalPipeline;
  try {
    pipeline = await startLocalPipeline({
      dataDir: options.dataDir,
      ...(options.once ? {} : { serve: { host: options.host, port: options.port } }),
      ...(options.cluster ? { cluster: options.cluster } : {}),
      env: io.env,
      cwd: io.cwd,
      clock: deps.clock,
      log,
      cards: { write, color: wantsColor(io.stdout, io.env) },
      onWebhookBatch: (summary) => write(inputLine('webhook', 'batch', summary)),
    });
  } catch (error) {
    io.stderr.write(`eks-audit start: ${startProblem(error, options)}\n`);
    return ExitCode.failure;
  }
  deps.onReady?.(pipeline);
  const inputs = [
    ...(options.sample ? [`bundled sample ${displayPath(SAMPLE_FILE, io.cwd)}`] : []),
    ...options.files.map((file) => `file ${file}`),
    ...(pipeline.server ? [`webhook ${pipeline.server.url}/audit`] : []),
  ];
  const { ruleSet } = pipeline.ingestSetup;
  write(
    startBanner({
      dataDir: options.dataDir,
      rules: `${ruleSet.source}, ${ruleSet.rules.length} rules`,
      slack: pipeline.slackConfig,
      inputs,
    }),
  );
  let unreadable = 0;
  if (options.sample)
    await replay(
      pipeline,
      'sample',
      displayPath(SAMPLE_FILE, io.cwd),
      await readFile(SAMPLE_FILE, 'utf8'),
      write,
    );
  for (const file of options.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(resolve(io.cwd, file));
    } catch (error) {
      io.stderr.write(`eks-audit start: cannot read ${file}: ${describeError(error)}\n`);
      unreadable += 1;
      continue;
    }
    await replay(pipeline, 'file', file, bytes, write);
  }
  write(
    alertsLine(pipeline.notifications, { failed: pipeline.topic.stats.deliveryFailed }, pipeline.slackConfig),
  );
  const failed = unreadable > 0 || pipeline.topic.stats.deliveryFailed > 0;
  if (!pipeline.server) {
    write(`\n${triageHelp()}${slackHint({ slack: pipeline.slackConfig })}`);
    await pipeline.close();
    return failed ? ExitCode.failure : ExitCode.ok;
  }
  write(readyText({ url: pipeline.server.url, slack: pipeline.slackConfig }));
  await deps.waitForStop();
  write('\nStopping: closing the server and the store...\n');
  await pipeline.close();
  write(`Stopped. Alerts are kept in ${options.dataDir}.\n`);
  return ExitCode.ok;
}

async function replay(
  pipeline: LocalPipeline,
  source: 'sample' | 'file',
  name: string,
  content: string | Buffer,
  write: (text: string) => void,
): Promise<void> {
  const decoded = typeof content === 'string' ? decodeInput(content, name) : decodeInputBytes(content, name);
  const summary = await pipeline.ingest(decoded, source);
  await pipeline.idle();
  write(inputLine(source, name, summary));
}

function displayPath(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path.startsWith('..') ? file : path;
}

function startProblem(error: unknown, options: StartOptions): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `port ${options.port} on ${options.host} is in use (is eks-audit start already running?); choose another with --port or PORT`;
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return `cannot listen on ${options.host}:${options.port} (${code}); check --host and --port`;
  }
  return error instanceof EksAuditError ? error.message : describeError(error);
}
