import type { App } from '@slack/bolt';
import type { SlackAppServices } from '../services';
import { registerAcknowledge } from './actions/acknowledge';
import { registerEscalate } from './actions/escalate';
import { registerJustify } from './actions/justify';
import { registerEksAuditCommand } from './commands/eks-audit';
import { registerEscalateSubmit } from './views/escalate-submit';
import { registerJustifySubmit } from './views/justify-submit';

/**
 * Every listener of the Slack app, one line each: the card's buttons, the modals' submissions, and the
 * `/eks-audit` command. Each listener lives in its own file and calls `ack()` first.
 *
 * @example
 * registerListeners(app, services);
 */
export function registerListeners(app: App, services: SlackAppServices): void {
  registerAcknowledge(app, services);
  registerJustify(app, services);
  registerEscalate(app, services);
  registerJustifySubmit(app, services);
  registerEscalateSubmit(app, services);
  registerEksAuditCommand(app, services);
}
