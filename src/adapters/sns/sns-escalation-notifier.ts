import { escalationMessage } from '../../triage/escalation-message';
import type { Escalation, EscalationNotifier } from '../../triage/service-ports';
import type { SnsMessagePublisher } from './sns-message-publisher';

/**
 * Publishes each escalation to the escalation SNS topic, where PagerDuty, Opsgenie, e-mail or any other
 * subscriber picks it up. The message is `EscalationMessage` (JSON); its attributes (`type`, `severity`,
 * `cluster`, `rule`) let subscribers filter, e.g. page only for `{"severity": ["critical"]}`.
 *
 * @example
 * const topic = new SnsEscalationNotifier(new SnsMessagePublisher(new SNSClient({})), env.ESCALATION_TOPIC_ARN);
 * await topic.notify({ alert, response });
 */
export class SnsEscalationNotifier implements EscalationNotifier {
  readonly name = 'escalation topic';

  constructor(
    private readonly publisher: Pick<SnsMessagePublisher, 'publishJson'>,
    private readonly topicArn: string,
  ) {}

  async notify(escalation: Escalation): Promise<void> {
    const message = escalationMessage(escalation);
    const subject = `[ESCALATED] ${message.severity.toUpperCase()} ${message.cluster}: ${message.summary}`;
    await this.publisher.publishJson(this.topicArn, subject, message, {
      type: message.type,
      severity: message.severity,
      cluster: message.cluster,
      rule: message.finding.rule.id,
    });
  }
}
