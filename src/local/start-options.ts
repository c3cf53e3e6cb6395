import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../shared/errors';

/** The default port of the local server (webhook, health, Slack HTTP mode). */
export const DEFAULT_PORT = 8787;
/** Bound to loopback unless told otherwise: the webhook takes audit events from anyone who can reach it. */
export const DEFAULT_HOST = '127.0.0.1';
/** The data folder under the working directory when neither `--data-dir` nor `EKS_AUDIT_DATA_DIR` is set. */
export const DEFAULT_DATA_DIR = '.data';

/** The options of `eks-audit start`, validated. */
export interface StartOptions {
  /** Absolute. */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Replay the bundled sample at start. */
  readonly sample: boolean;
  /** More audit files to read at start (any format `decodeInput` detects). */
  readonly files: readonly string[];
  /** Process the inputs, print the summary and exit: no server. */
  readonly once: boolean;
  /** The cluster named in findings from files and the webhook (CLUSTER_NAME); else the input's, else `local`. */
  readonly cluster?: string;
  /** Info lines too, not only warnings. */
  readonly verbose: boolean;
  readonly help: boolean;
}

/**
 * Parses `start` arguments over the environment: `--data-dir` over `EKS_AUDIT_DATA_DIR` over `./.data`,
 * `--port` over `PORT` over 8787, `--cluster` over `CLUSTER_NAME`.
 *
 * @throws InputError with a one-line message naming the option (unknown option, bad port...).
 * @example
 * parseStartOptions(['--once', '--no-sample', 'audit.jsonl'], process.env, process.cwd());
 */
export function parseStartOptions(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): StartOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const cluster = values.cluster ?? env.CLUSTER_NAME;
  return {
    dataDir: resolve(cwd, values['data-dir'] ?? env.EKS_AUDIT_DATA_DIR ?? DEFAULT_DATA_DIR),
    host: values.host ?? DEFAULT_HOST,
    port: portOf(values.port, env.PORT),
    sample: values['no-sample'] !== true,
    files: positionals,
    once: values.once === true,
    verbose: values.verbose === true,
    help: values.help === true,
    ...(cluster ? { cluster } : {}),
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string', short: 'p' },
      'no-sample': { type: 'boolean' },
      once: { type: 'boolean' },
      cluster: { type: 'string', short: 'c' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

function portOf(option: string | undefined, env: string | undefined): number {
  const [text, where] = option !== undefined ? [option, '--port'] : [env, 'PORT'];
  if (text === undefined || text.trim() === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InputError(`${where} must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

/** `eks-audit start --help`. */
export const START_HELP = `Usage: eks-audit start [FILE...] [options]

Runs the whole pipeline on this machine: audit events in, findings, cards, triage, the audit trail.
Events come from the bundled sample (replayed at start), the FILEs (any format eks-audit scan reads), and
the audit webhook (POST an audit.k8s.io/v1 EventList to http://HOST:PORT/audit, as kube-apiserver's
webhook backend does). Without Slack credentials, cards are printed here; triage them with
eks-audit alerts | show | ack | justify | escalate.

Options:
  --data-dir DIR   where alerts are kept between runs (EKS_AUDIT_DATA_DIR; default ./.data)
  --port N, -p N   port of the local server (PORT; default ${DEFAULT_PORT}; 0 = any free port)
  --host HOST      address to listen on (default ${DEFAULT_HOST}; the webhook has no authentication)
  --no-sample      do not replay the bundled sample
  --once           read the sample and FILEs, print the summary and exit (no server)
  --cluster NAME   cluster named in findings from FILEs and the webhook (CLUSTER_NAME; default local)
  --verbose, -v    print info lines too, not only warnings
  --help, -h       this help

Slack (optional): SLACK_BOT_TOKEN=xoxb-... with SLACK_APP_TOKEN=xapp-... (Socket Mode, no public URL) or
SLACK_SIGNING_SECRET=... (HTTP mode: Slack, or SLACK_API_URL's stand-in, calls http://HOST:PORT/slack/events),
and SLACK_CHANNEL=C... for the cards.
`;
