import type { Readable, Writable } from 'node:stream';

/** The streams a CLI command uses; injected so tests run commands in-process and read what they print. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A CLI command: `run` returns the process exit status (0 ok, 1 runtime failure, 2 usage error). */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Exit statuses shared by every command. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;
