import { buildCard } from '../notify/card-model';
import type { CardPublisher, CardRoute } from '../notify/ports';
import { renderTerminalCard } from '../notify/terminal/render';
import type { Alert, PostedMessage } from '../triage/model';

/** The channel name terminal cards are recorded under in the trail. */
export const TERMINAL_CHANNEL = 'terminal';

/**
 * The terminal as a chat platform: `post` prints the card, `update` prints it again with its new status. Used
 * when no Slack credentials are set, through the same `CardPublisher` port as Slack, so the notifier and the
 * triage service do not know the difference. Posted cards are recorded as `{ platform: 'terminal' }`.
 *
 * @example
 * const cards = new TerminalCardPublisher((text) => process.stdout.write(text), { color: true });
 * await cards.post(alert, { channel: 'terminal' });
 */
export class TerminalCardPublisher implements CardPublisher {
  constructor(
    private readonly write: (text: string) => void,
    private readonly options: { readonly color: boolean; readonly command?: string },
  ) {}

  async post(alert: Alert, _route: CardRoute): Promise<PostedMessage> {
    this.write(renderTerminalCard(buildCard(alert), this.options));
    return { platform: 'terminal', channel: TERMINAL_CHANNEL, messageId: alert.id };
  }

  async update(alert: Alert, _message: PostedMessage): Promise<void> {
    this.write(renderTerminalCard(buildCard(alert), this.options));
  }
}
