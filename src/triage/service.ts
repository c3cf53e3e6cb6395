import type { CardPublisher } from '../notify/ports';
import type { Clock } from '../shared/clock';
import { type Logger, silentLogger } from '../shared/logger';
import { followUp } from './follow-up';
import { identify } from './identify';
import { EscalationReasonSchema, JustificationSchema, parseOrThrow } from './inputs';
import type { Alert, AlertResponse, PostedMessage, Responder } from './model';
import { notDoneOutcome, type TriageOutcome } from './outcome';
import type { TriageAction, TriagePolicy } from './policy';
import type { AuditTrail } from './ports';
import { withinLimits } from './responders';
import type { EscalationNotifier, ResponderDirectory } from './service-ports';
import { firstResponse } from './status';

/** What the service is built from: ports only, so it runs the same behind Slack, Teams and tests. */
export interface TriageServiceDeps {
  readonly trail: AuditTrail;
  readonly policy: TriagePolicy;
  readonly people: ResponderDirectory;
  readonly clock: Clock;
  /** Card publishers by platform: every posted card of an alert with a publisher is updated after a response. */
  readonly cards?: Partial<Record<PostedMessage['platform'], CardPublisher>>;
  /** Told about each escalation, once, after it is recorded. */
  readonly escalations?: readonly EscalationNotifier[];
  readonly log?: Logger;
}

/** Where the click came from. */
export interface ResponseContext {
  /** The card that was clicked: updated even if the trail did not know it yet, and linked from escalations. */
  readonly origin?: PostedMessage;
}

/** `check`'s answer: go ahead (open the form), or the outcome to reply with instead. */
export type TriageCheck =
  | { readonly kind: 'allowed'; readonly alert: Alert; readonly responder: Responder }
  | Exclude<TriageOutcome, { kind: 'ok' }>;

/**
 * The one place a response to an alert is performed, for every platform: it loads the alert, finds out who
 * clicked, applies the triage policy (recording refused attempts), makes the conditional write through the
 * audit trail, then updates every posted card and tells the escalation destinations. It returns an outcome
 * the platform turns into its reply; it never throws for anything a person did, only when the trail fails.
 *
 * @example
 * const triage = new TriageService({ trail, policy, people, clock: systemClock, cards: { slack: publisher } });
 * const outcome = await triage.acknowledge('f-6b1d0c9e2a4f', { platform: 'slack', userId: 'U0BOB', name: 'bob' });
 * // { kind: 'ok', ... } | { kind: 'already-done', by: { name: 'carol', ... }, at: '…' } | { kind: 'refused', ... }
 */
export class TriageService {
  private readonly log: Logger;

  constructor(private readonly deps: TriageServiceDeps) {
    this.log = deps.log ?? silentLogger;
  }

  /** Records "seen" (once per alert). */
  acknowledge(alertId: string, responder: Responder, context: ResponseContext = {}): Promise<TriageOutcome> {
    return this.perform('acknowledge', alertId, responder, {}, context);
  }

  /**
   * Records a reason and an optional ticket link (any number of times, the actor included).
   *
   * @throws InputError (as a rejection) for an empty reason or a link that is not http(s): edges check first.
   */
  async justify(
    alertId: string,
    responder: Responder,
    details: { readonly reason: string; readonly ticketUrl?: string | undefined },
    context: ResponseContext = {},
  ): Promise<TriageOutcome> {
    const { reason, ticketUrl } = parseOrThrow(JustificationSchema, details, 'justification');
    return this.perform(
      'justify',
      alertId,
      responder,
      { text: reason, ...(ticketUrl ? { ticketUrl } : {}) },
      context,
    );
  }

  /** Records an escalation (once per alert) and tells the escalation destinations. */
  async escalate(
    alertId: string,
    responder: Responder,
    details: { readonly reason: string },
    context: ResponseContext = {},
  ): Promise<TriageOutcome> {
    const { reason } = parseOrThrow(EscalationReasonSchema, details, 'escalation');
    return this.perform('escalate', alertId, responder, { text: reason }, context);
  }

  /**
   * Whether `responder` may take `action` now, before asking them for a reason: a refusal is recorded and
   * answered at the click, not after they typed. The write itself decides again (someone may be faster).
   */
  async check(action: TriageAction, alertId: string, given: Responder): Promise<TriageCheck> {
    const alert = await this.deps.trail.getAlert(alertId);
    if (!alert) return { kind: 'not-found', action, alertId };
    if (action !== 'justify') {
      const first = firstResponse(alert.responses, action);
      if (first) return { kind: 'already-done', action, by: first.by, at: first.at, alert };
    }
    const verdict = await identify(action, alert, given, this.deps);
    if (verdict.allowed) return { kind: 'allowed', alert, responder: verdict.responder };
    await this.recordRefusal(alert, action, verdict.responder, verdict.code, verdict.reason);
    return { kind: 'refused', action, code: verdict.code, reason: verdict.reason, alert };
  }

  private async perform(
    action: TriageAction,
    alertId: string,
    given: Responder,
    extra: Pick<AlertResponse, 'text' | 'ticketUrl'>,
    context: ResponseContext,
  ): Promise<TriageOutcome> {
    const alert = await this.deps.trail.getAlert(alertId);
    if (!alert) return { kind: 'not-found', action, alertId };
    const verdict = await identify(action, alert, given, this.deps);
    if (!verdict.allowed) {
      await this.recordRefusal(alert, action, verdict.responder, verdict.code, verdict.reason);
      return { kind: 'refused', action, code: verdict.code, reason: verdict.reason, alert };
    }
    const response: AlertResponse = { action, by: withinLimits(verdict.responder), at: this.now(), ...extra };
    const result = await this.deps.trail.respond(alert.id, response);
    if (!result.ok) return notDoneOutcome(action, result, alertId);
    this.log.info('triage response recorded', { alertId, action, userId: response.by.userId });
    const done = await followUp(result.alert, response, context, this.deps, this.log);
    return { kind: 'ok', action, alert: done.alert, response, followUp: done.followUp };
  }

  private async recordRefusal(
    alert: Alert,
    attempted: TriageAction,
    by: Responder,
    code: string,
    reason: string,
  ): Promise<void> {
    const refusal: AlertResponse = {
      action: 'refused',
      attempted,
      by: withinLimits(by),
      at: this.now(),
      text: reason,
    };
    await this.deps.trail.recordRefusal(alert.id, refusal);
    this.log.info('triage click refused', { alertId: alert.id, action: attempted, code, userId: by.userId });
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }
}
