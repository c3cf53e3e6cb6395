import { DEFAULT_REPORT_WINDOW, isReportWindow, type ReportWindow } from './window';

/**
 * `/eks-audit` as typed, parsed. Platform-neutral: Slack's slash command and any other front end read the
 * same words. `public` anywhere in the words asks for the answer in the channel instead of only to the person.
 */
export type EksAuditCommand = (
  | { readonly name: 'help'; readonly problem?: string }
  | { readonly name: 'pending' }
  | { readonly name: 'report'; readonly window: ReportWindow; readonly cluster?: string }
  | { readonly name: 'show'; readonly alertId: string }
  | { readonly name: 'user'; readonly who: string }
) & { readonly public: boolean };

/** The subcommands, for the help text. */
export const eksAuditUsage = [
  ['help', 'this help'],
  ['pending', 'open alerts, oldest first, with links to their cards'],
  [
    'report [24h|7d|30d] [cluster]',
    `counts by rule, severity and person, share acknowledged, time to acknowledge, changes without a justification (default ${DEFAULT_REPORT_WINDOW})`,
  ],
  ['show <alert id>', 'an alert and its whole trail, refused attempts included'],
  ['user <name or e-mail>', 'what one person changed, newest first'],
] as const;

const WINDOW_LIKE = /^\d+\s*[a-z]+$/i;

/**
 * Reads the text after `/eks-audit`. Unknown subcommands and malformed arguments give `help`, with a
 * `problem` saying what was not understood.
 *
 * @example
 * parseEksAuditCommand('report 30d prod-eu public');
 * // { name: 'report', window: '30d', cluster: 'prod-eu', public: true }
 * parseEksAuditCommand('reprot'); // { name: 'help', problem: 'unknown subcommand "reprot"', public: false }
 */
export function parseEksAuditCommand(text: string): EksAuditCommand {
  const words = text
    .replace(/\u00a0/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const isPublic = words.some((word) => word.toLowerCase() === 'public');
  const [first, ...args] = words.filter((word) => word.toLowerCase() !== 'public');
  const visibility = { public: isPublic };
  switch (first?.toLowerCase()) {
    case undefined:
    case 'help':
      return { name: 'help', ...visibility };
    case 'pending':
      return args.length === 0 ? { name: 'pending', ...visibility } : extra('pending', args, visibility);
    case 'report':
      return { ...parseReport(args), ...visibility };
    case 'show': {
      const alertId = args.length === 1 ? cleanId(args[0] as string) : '';
      if (alertId !== '') return { name: 'show', alertId, ...visibility };
      return { name: 'help', problem: 'show needs one alert id: /eks-audit show <alert id>', ...visibility };
    }
    case 'user': {
      const who = args.join(' ').trim();
      if (who !== '') return { name: 'user', who, ...visibility };
      return {
        name: 'help',
        problem: 'user needs a name or an e-mail: /eks-audit user <name or e-mail>',
        ...visibility,
      };
    }
    default:
      return { name: 'help', problem: `unknown subcommand "${first}"`, ...visibility };
  }
}

type ReportOrHelp =
  | { name: 'report'; window: ReportWindow; cluster?: string }
  | { name: 'help'; problem: string };

function parseReport(args: readonly string[]): ReportOrHelp {
  let window: ReportWindow | undefined;
  let cluster: string | undefined;
  for (const arg of args) {
    const lower = arg.toLowerCase();
    if (window === undefined && isReportWindow(lower)) window = lower;
    else if (WINDOW_LIKE.test(arg) && !isReportWindow(lower))
      return { name: 'help', problem: `unknown report window "${arg}": use 24h, 7d or 30d` };
    else if (cluster === undefined) cluster = arg;
    else
      return {
        name: 'help',
        problem: `report takes a window and one cluster; "${arg}" is one word too many`,
      };
  }
  return { name: 'report', window: window ?? DEFAULT_REPORT_WINDOW, ...(cluster ? { cluster } : {}) };
}

function extra(name: string, args: readonly string[], visibility: { public: boolean }): EksAuditCommand {
  return { name: 'help', problem: `${name} takes no arguments (got "${args.join(' ')}")`, ...visibility };
}

/** An id as people paste it: in backticks (from a card's footer) or with stray punctuation around it. */
function cleanId(raw: string): string {
  return raw.replace(/^[`'"<(]+|[`'">),.]+$/g, '');
}
