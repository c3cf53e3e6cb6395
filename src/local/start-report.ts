import type { IngestSummary } from '../ingest/summary';
import type { NotifierStats } from './local-notifier';
import type { LocalSlackConfig } from './slack-config';

/**
 * The words `eks-audit start` prints: pure formatting of what the pipeline reports, so tests and the README
 * quick start can rely on them.
 */

const LABEL = 9;
const line = (label: string, text: string): string => `  ${label.padEnd(LABEL)}${text}\n`;

/** The opening lines: where the data lives, the rules, where cards go, the inputs. */
export function startBanner(facts: {
  readonly dataDir: string;
  readonly rules: string;
  readonly slack: LocalSlackConfig;
  readonly inputs: readonly string[];
}): string {
  return [
    'eks-audit-bot: the whole pipeline on this machine (no AWS account needed)\n',
    line('data', `${facts.dataDir} (alerts are kept here between runs; --data-dir or EKS_AUDIT_DATA_DIR)`),
    line('rules', facts.rules),
    line('cards', cardsText(facts.slack)),
    line('inputs', facts.inputs.length === 0 ? 'none' : facts.inputs.join(', ')),
    '\n',
  ].join('');
}

function cardsText(slack: LocalSlackConfig): string {
  switch (slack.mode) {
    case 'terminal':
      return 'printed here (no SLACK_BOT_TOKEN: see "Slack" below)';
    case 'socket':
      return `Slack channel ${slack.channel}, Socket Mode${slack.slackApiUrl ? ` via ${slack.slackApiUrl}` : ''}`;
    case 'http':
      return `Slack channel ${slack.channel}, HTTP mode${slack.slackApiUrl ? ` via ${slack.slackApiUrl}` : ''}`;
  }
}

/**
 * `  sample   samples/eks-audit-sample.jsonl: 66 events read, 21 findings; skipped 45: 17 duplicate stage, ...`
 *
 * @example
 * inputLine('file', 'audit.jsonl', summary);
 */
export function inputLine(label: string, name: string, summary: IngestSummary): string {
  return line(label, `${name}: ${countsText(summary)}`);
}

/** `66 events read, 21 findings; skipped 45: 17 duplicate stage, 12 no rule matched, ...` */
export function countsText(summary: IngestSummary): string {
  const skips = Object.entries(summary.skipped).sort(([, a], [, b]) => b - a);
  const skipped = skips.reduce((sum, [, n]) => sum + n, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let text = `${plural(summary.events, 'event')} read, ${plural(summary.findings, 'finding')}`;
  text +=
    skipped > 0
      ? `; skipped ${skipped}: ${skips.map(([reason, n]) => `${n} ${reason}`).join(', ')}`
      : '; skipped 0';
  if (summary.failed > 0) text += `; ${summary.failed} not published`;
  return text;
}

/** `  alerts   21 new (cards above), 0 already in the trail` */
export function alertsLine(
  stats: NotifierStats,
  delivery: { readonly failed: number },
  slack: LocalSlackConfig,
): string {
  const where = slack.mode === 'terminal' ? 'cards above' : `cards posted to ${slack.channel}`;
  let text = `${stats.newAlerts} new${stats.newAlerts > 0 ? ` (${where})` : ''}, ${stats.alreadyPosted} already in the trail`;
  if (stats.postedForExisting > 0) text += `, ${stats.postedForExisting} earlier alerts given a card`;
  const skipped = Object.values(stats.skipped).reduce((sum, n) => sum + n, 0);
  if (skipped > 0) text += `, ${skipped} unreadable messages skipped`;
  if (delivery.failed > 0) text += `; ${delivery.failed} NOT delivered (see the errors above)`;
  return line('alerts', text);
}

/** How to triage from the terminal. */
export function triageHelp(): string {
  return [
    line('triage', 'npx eks-audit alerts --open'),
    line('', 'npx eks-audit show <id>'),
    line('', 'npx eks-audit ack <id> --as you@example.com'),
    line('', 'npx eks-audit justify <id> --reason "..." [--ticket URL]'),
    line('', 'npx eks-audit escalate <id> --reason "..."'),
  ].join('');
}

/** How cards reach Slack, or how to make them. */
export function slackHint(facts: { readonly url?: string; readonly slack: LocalSlackConfig }): string {
  switch (facts.slack.mode) {
    case 'terminal':
      return line(
        'Slack',
        'export SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-... SLACK_CHANNEL=C0123ABCD, then start again',
      );
    case 'socket':
      return line(
        'Slack',
        'connected in Socket Mode: buttons, modals and /eks-audit are answered by this process',
      );
    case 'http':
      return line(
        'Slack',
        `request URL ${facts.url ?? 'http://HOST:PORT'}/slack/events (interactivity and /eks-audit)`,
      );
  }
}

/** The block printed once the server listens. */
export function readyText(facts: { readonly url: string; readonly slack: LocalSlackConfig }): string {
  return [
    `\nReady. Send audit events, triage from another terminal; Ctrl-C to stop.\n`,
    line(
      'webhook',
      `POST ${facts.url}/audit  (an audit.k8s.io/v1 EventList: kube-apiserver's audit webhook)`,
    ),
    line('health', `GET  ${facts.url}/healthz`),
    triageHelp(),
    slackHint(facts),
  ].join('');
}
