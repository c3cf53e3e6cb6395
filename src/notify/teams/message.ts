import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { Alert } from '../../triage/model';
import { type BuildCardOptions, buildCard } from '../card-model';
import { renderTeamsCard } from './render';

/** The MIME type of an Adaptive Card attachment and of an invoke response carrying one. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A Bot Framework message activity holding one Adaptive Card: what the Bot Connector API posts and updates. */
export interface TeamsCardActivity {
  readonly type: 'message';
  /** Shown in notifications and the activity feed, where the card itself is not. */
  readonly summary: string;
  readonly attachments: readonly [
    { readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; readonly content: IAdaptiveCard },
  ];
}

/**
 * The message that carries an alert's Teams card: posted by the notifier, and sent again (as an update) when
 * someone responds, so every member of the channel sees the new state.
 *
 * @example
 * const activity = teamsCardActivity(alert);
 * activity.attachments[0].content.version; // '1.5'
 */
export function teamsCardActivity(alert: Alert, options: BuildCardOptions = {}): TeamsCardActivity {
  const content = renderTeamsCard(buildCard(alert, options));
  return {
    type: 'message',
    summary: content.fallbackText ?? alert.finding.summary,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }],
  };
}
