import { parseStartOptions, START_HELP } from '../../local/start-options';
import { systemClock } from '../../shared/clock';
import { InputError } from '../../shared/errors';
import { type CliCommand, ExitCode } from '../io';
import { quietSdkNodeWarning } from './local-process';

/** `eks-audit start`: the whole pipeline on this machine (see src/local). */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run the whole pipeline locally on embedded defaults (sample, webhook, cards, triage)',
  async run(args, io) {
    let options: ReturnType<typeof parseStartOptions>;
    try {
      options = parseStartOptions(args, io.env, io.cwd);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.stderr.write(`eks-audit start: ${error.message}\nRun \`eks-audit start --help\` for the options.\n`);
      return ExitCode.usage;
    }
    if (options.help) {
      io.stdout.write(START_HELP);
      return ExitCode.ok;
    }
    quietSdkNodeWarning();
    // Loaded here: the store, the SDK and Bolt are only read when the pipeline runs.
    const { runLocalStart } = await import('../../local/start');
    return runLocalStart(options, io, { clock: systemClock, waitForStop: untilSignalled });
  },
};

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM; a second Ctrl-C is Node's default (exit at once). */
function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
