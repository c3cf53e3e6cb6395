import type { WebClient } from '@slack/web-api';
import { SlackCardPublisher } from '../adapters/slack/slack-card-publisher';
import { SlackDirectory } from '../adapters/slack/slack-directory';
import { SlackEscalationPoster } from '../adapters/slack/slack-escalation-poster';
import { SnsEscalationNotifier } from '../adapters/sns/sns-escalation-notifier';
import type { SnsMessagePublisher } from '../adapters/sns/sns-message-publisher';
import type { CardPublisher } from '../notify/ports';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { TriagePolicy } from '../triage/policy';
import type { AuditTrail } from '../triage/ports';
import { directoryResponders } from '../triage/responders';
import { TriageService } from '../triage/service';
import type { EscalationNotifier } from '../triage/service-ports';

/**
 * What the Slack listeners use. Built once per process (per Lambda cold start) by `buildSlackServices`;
 * tests build it the same way against local servers.
 */
export interface SlackAppServices {
  /**
   * The one WebClient the listeners call Slack with (views.open, ephemeral replies), with the `interactive`
   * profile: a 429 is not waited out inside a click.
   */
  readonly client: WebClient;
  /** Acknowledge, justify, escalate: policy, trail, card updates, escalation destinations. */
  readonly triage: TriageService;
  /** The audit trail, for read-only listeners (`/eks-audit`). */
  readonly trail: AuditTrail;
  /** Cached Slack lookups (users, groups) and permalinks. */
  readonly directory: SlackDirectory;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The real adapters' inputs, from validated configuration. */
export interface SlackServicesOptions {
  /** A WebClient with the `interactive` profile (`createSlackWebClient`): no waiting out 429s in a click. */
  readonly client: WebClient;
  readonly trail: AuditTrail;
  readonly policy: TriagePolicy;
  readonly clock: Clock;
  readonly log: Logger;
  /** Where escalations go: the channel (`ESCALATION_CHANNEL`) and/or the SNS topic (`ESCALATION_TOPIC_ARN`). */
  readonly escalation?: {
    readonly channel?: string | undefined;
    readonly topicArn?: string | undefined;
    readonly sns?: Pick<SnsMessagePublisher, 'publishJson'> | undefined;
  };
  /**
   * Updates the alert's Microsoft Teams cards too, when Teams is configured for the Slack function
   * (`teamsCardsOnFirstUse`: built on the first Teams card to update).
   */
  readonly teamsCards?: CardPublisher | undefined;
}

/**
 * Wires the Slack adapters around the triage service: the one place the bot's real objects are made.
 *
 * @example
 * const services = buildSlackServices({ client, trail, policy, clock: systemClock, log,
 *   escalation: { channel: env.ESCALATION_CHANNEL, topicArn: env.ESCALATION_TOPIC_ARN, sns } });
 */
export function buildSlackServices(options: SlackServicesOptions): SlackAppServices {
  const { client, trail, policy, clock, log } = options;
  const directory = new SlackDirectory(client, { clock });
  const escalations: EscalationNotifier[] = [];
  const { channel, topicArn, sns } = options.escalation ?? {};
  if (topicArn && sns) escalations.push(new SnsEscalationNotifier(sns, topicArn));
  if (channel) escalations.push(new SlackEscalationPoster(client, channel, directory));
  const triage = new TriageService({
    trail,
    policy,
    people: directoryResponders(directory),
    clock,
    cards: {
      slack: new SlackCardPublisher(client),
      ...(options.teamsCards ? { teams: options.teamsCards } : {}),
    },
    escalations,
    log,
  });
  return { client, triage, trail, directory, clock, log };
}
