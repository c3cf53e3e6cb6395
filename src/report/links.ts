import type { Alert, PostedMessage } from '../triage/model';

/**
 * Makes a link to a posted card when the trail holds none (the notifier stores Slack's permalink when it can;
 * the command layer knows the workspace's domain and can build one).
 */
export type MessageLinker = (message: PostedMessage) => string | undefined;

/**
 * The link to an alert's card: the first posted card's stored permalink, else what `linker` makes of it.
 *
 * @example
 * cardLink(alert, slackArchiveLinker('acme')); // 'https://acme.slack.com/archives/C0ALERTS/p1763647201000001'
 */
export function cardLink(alert: Alert, linker?: MessageLinker): string | undefined {
  for (const message of alert.messages) {
    const link = message.permalink ?? linker?.(message);
    if (link) return link;
  }
  return undefined;
}

/**
 * Builds Slack message links from the workspace's domain (the slash command's `team_domain`):
 * `https://<domain>.slack.com/archives/<channel>/p<ts without the dot>`, the form Slack's own "Copy link" gives.
 * Messages of other platforms get no link.
 *
 * @example
 * slackArchiveLinker('acme')({ platform: 'slack', channel: 'C0A', messageId: '1763647201.000001' });
 * // 'https://acme.slack.com/archives/C0A/p1763647201000001'
 */
export function slackArchiveLinker(teamDomain: string): MessageLinker {
  const domain = /^[a-z0-9-]+$/i.test(teamDomain) ? teamDomain.toLowerCase() : undefined;
  return (message) => {
    if (!domain || message.platform !== 'slack') return undefined;
    if (!/^[A-Z0-9]+$/.test(message.channel) || !/^\d+\.\d+$/.test(message.messageId)) return undefined;
    return `https://${domain}.slack.com/archives/${message.channel}/p${message.messageId.replace('.', '')}`;
  };
}
