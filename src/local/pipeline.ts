import type { RetryOptions } from '@slack/web-api';
import type { DecodedInput } from '../audit/decode';
import type { NotifierDeps } from '../bot/notifier';
import type { IngestSummary } from '../ingest/summary';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { LocalPaths, type LocalServer, startLocalServer } from './http-server';
import { ingestDecoded } from './ingest-decoded';
import type { InputSource } from './ingest-setup';
import { type LocalIngestSetup, localIngestSettings, localIngestSetup } from './ingest-setup';
import { localNotifier, type NotifierStats, newNotifierStats } from './local-notifier';
import { buildLocalSlack, type LocalSlack } from './local-slack';
import { type LocalStore, openLocalStore } from './local-store';
import { LocalFindingsTopic } from './local-topic';
import { type LocalSlackConfig, localSlackConfig } from './slack-config';
import { TERMINAL_CHANNEL, TerminalCardPublisher } from './terminal-card-publisher';
import { newWebhookStats, type WebhookStats } from './webhook';

/** Everything `startLocalPipeline` is built from. */
export interface LocalPipelineOptions {
  readonly dataDir: string;
  /** Serve the webhook (and Slack HTTP mode) here; absent for `--once`. */
  readonly serve?: { readonly host: string; readonly port: number };
  /** `--cluster`: the cluster named by findings from files and the webhook. */
  readonly cluster?: string;
  /** Ingest and Slack settings (RULES_FILE, PROTECTED_NAMESPACES, SLACK_BOT_TOKEN, ...). */
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Where terminal cards are printed (when Slack is not configured). */
  readonly cards: { readonly write: (text: string) => void; readonly color: boolean };
  /** Told of every webhook batch processed, for progress lines. */
  readonly onWebhookBatch?: (summary: IngestSummary) => void;
  /** Overrides the notifier's Slack retry policy (tests). */
  readonly slackRetryConfig?: RetryOptions;
}

/** The running local pipeline. */
export interface LocalPipeline {
  readonly store: LocalStore;
  readonly ingestSetup: LocalIngestSetup;
  readonly slackConfig: LocalSlackConfig;
  readonly slack?: LocalSlack;
  readonly server?: LocalServer;
  readonly topic: LocalFindingsTopic;
  readonly notifications: NotifierStats;
  readonly webhook: WebhookStats;
  /** Runs ingest on decoded events (publishing to the local topic); the notifier runs after, in order. */
  ingest(input: DecodedInput, source: InputSource): Promise<IngestSummary>;
  /** Waits until every finding published so far has been through the notifier. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the whole pipeline in this process: the local store on the data folder, the local findings topic,
 * the notifier (Slack cards, or terminal cards without Slack credentials), the Bolt app (Socket Mode or HTTP),
 * and the local server (audit webhook, health, Slack HTTP endpoint). Everything started is stopped again if a
 * later step fails.
 *
 * @throws ConfigError for bad settings (named); StoreInUseError; a listen error (EADDRINUSE) from the server.
 * @example
 * const pipeline = await startLocalPipeline({ dataDir, serve: { host: '127.0.0.1', port: 8787 }, env, cwd, clock, log, cards });
 * await pipeline.ingest(decodeInput(text, 'audit.jsonl'), 'file');
 * await pipeline.idle();
 * await pipeline.close();
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const { clock, log } = options;
  const slackConfig = localSlackConfig(options.env);
  const ingestSetup = localIngestSetup(options.env, options.cwd);
  const store = await openLocalStore({ dataDir: options.dataDir, role: 'server', clock });
  const closers: (() => Promise<void>)[] = [() => store.close()];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => {});
  };
  try {
    const slack =
      slackConfig.mode === 'terminal'
        ? undefined
        : buildLocalSlack(slackConfig, {
            trail: store.trail,
            clock,
            log,
            ...(options.slackRetryConfig ? { retryConfig: options.slackRetryConfig } : {}),
          });
    const notifications = newNotifierStats();
    const notifierDeps: NotifierDeps = {
      trail: store.trail,
      clock,
      log,
      ...(slack?.notifier ?? {
        publisher: new TerminalCardPublisher(options.cards.write, {
          color: options.cards.color,
          command: 'npx eks-audit',
        }),
        routing: { defaultChannel: TERMINAL_CHANNEL, routes: [] },
      }),
    };
    const topic = new LocalFindingsTopic({
      subscriber: localNotifier(notifierDeps, notifications, { terminal: slack === undefined }),
      clock,
      log,
    });
    closers.push(() => topic.idle());
    const ingest = (input: DecodedInput, source: InputSource) =>
      ingestDecoded(input, {
        publisher: topic,
        ruleSet: ingestSetup.ruleSet,
        detection: ingestSetup.detection,
        settings: localIngestSettings(source, input, ingestSetup, options.cluster),
        clock,
        logger: log.child({ source }),
      });
    const webhook = newWebhookStats();
    let server: LocalServer | undefined;
    if (options.serve) {
      server = await startLocalServer({
        ...options.serve,
        log,
        webhook: {
          stats: webhook,
          log,
          ingest: async (input) => {
            const summary = await ingest(input, 'webhook');
            options.onWebhookBatch?.(summary);
            return summary;
          },
        },
        health: () => ({
          status: 'ok',
          dataDir: options.dataDir,
          webhook,
          findings: topic.stats,
          alerts: notifications,
        }),
        ...(slack?.mount ? { mounts: { [LocalPaths.slack]: slack.mount } } : {}),
      });
      const running = server;
      closers.push(() => running.close());
      await store.announce(server.url);
    }
    if (slack) {
      await slack.start();
      closers.push(() => slack.stop());
    }
    return {
      store,
      ingestSetup,
      slackConfig,
      ...(slack ? { slack } : {}),
      ...(server ? { server } : {}),
      topic,
      notifications,
      webhook,
      ingest,
      idle: () => topic.idle(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
