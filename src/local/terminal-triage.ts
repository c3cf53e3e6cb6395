import { SlackCardPublisher } from '../adapters/slack/slack-card-publisher';
import { SlackDirectory } from '../adapters/slack/slack-directory';
import { SlackEscalationPoster } from '../adapters/slack/slack-escalation-poster';
import { createSlackWebClient } from '../adapters/slack/web-client';
import { triagePolicyFromEnv } from '../bot/policy-config';
import type { CardPublisher } from '../notify/ports';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { PostedMessage } from '../triage/model';
import { selfDescribedResponders } from '../triage/responders';
import { TriageService } from '../triage/service';
import type { EscalationNotifier } from '../triage/service-ports';
import { type LocalStore, openLocalStore } from './local-store';
import { localSlackConfig } from './slack-config';
import { TerminalCardPublisher } from './terminal-card-publisher';

/** What the triage commands work with: the same `TriageService` as the bot, on the local trail. */
export interface TerminalTriage {
  readonly triage: TriageService;
  readonly store: LocalStore;
  /** The platforms whose cards this process can update (`terminal`, and `slack` with SLACK_BOT_TOKEN). */
  readonly canUpdate: ReadonlySet<PostedMessage['platform']>;
  close(): Promise<void>;
}

/** Inputs of `openTerminalTriage`. */
export interface TerminalTriageOptions {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly log: Logger;
  /** Where updated terminal cards are printed. */
  readonly write: (text: string) => void;
  readonly color: boolean;
}

/**
 * Opens the local trail (or joins the running server's, see `openLocalStore`) and builds the triage service
 * the terminal commands use: the policy from `ACK_ALLOWED` / `ESCALATE_ALLOWED` as on Lambda (separation of
 * duties always on), the person as they describe themselves (`cli:<user>` with their e-mail), cards updated
 * on the terminal, and in Slack too when `SLACK_BOT_TOKEN` is set (with `ESCALATION_CHANNEL` told of
 * escalations).
 *
 * @throws ConfigError for bad policy or Slack settings; StoreInUseError when the data folder is busy.
 * @example
 * const local = await openTerminalTriage({ dataDir, env, clock: systemClock, log, write, color: false });
 * const outcome = await local.triage.acknowledge(id, terminalResponder({ osUser: 'bob', asEmail }));
 * await local.close();
 */
export async function openTerminalTriage(options: TerminalTriageOptions): Promise<TerminalTriage> {
  const slack = localSlackConfig(options.env);
  const policy = triagePolicyFromEnv(slack.policy);
  const cards: Partial<Record<PostedMessage['platform'], CardPublisher>> = {
    terminal: new TerminalCardPublisher(options.write, { color: options.color, command: 'npx eks-audit' }),
  };
  const escalations: EscalationNotifier[] = [];
  if (slack.mode !== 'terminal') {
    const client = createSlackWebClient({
      token: slack.botToken,
      profile: 'interactive',
      ...(slack.slackApiUrl ? { slackApiUrl: slack.slackApiUrl } : {}),
    });
    cards.slack = new SlackCardPublisher(client);
    if (slack.escalationChannel) {
      const directory = new SlackDirectory(client, { clock: options.clock });
      escalations.push(new SlackEscalationPoster(client, slack.escalationChannel, directory));
    }
  }
  const store = await openLocalStore({ dataDir: options.dataDir, role: 'cli', clock: options.clock });
  const triage = new TriageService({
    trail: store.trail,
    policy,
    people: selfDescribedResponders,
    clock: options.clock,
    cards,
    escalations,
    log: options.log,
  });
  return {
    triage,
    store,
    canUpdate: new Set(Object.keys(cards) as PostedMessage['platform'][]),
    close: () => store.close(),
  };
}
