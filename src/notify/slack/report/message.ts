import type { KnownBlock } from '@slack/types';
import { SlackLimits, truncatePlain } from '../limits';

/**
 * An answer to a slash command, as Slack takes it in the command's HTTP response or on its `response_url`:
 * `ephemeral` (only the person who asked sees it) unless they asked for `public` (`in_channel`).
 */
export interface SlackCommandReply {
  readonly response_type: 'ephemeral' | 'in_channel';
  /** The notification text (plain, short). */
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/**
 * Puts blocks into a reply, at most `SlackLimits.messageBlocks` of them (the last one kept says how many were
 * left out), with a short fallback text.
 *
 * @example
 * commandReply('Open alerts: 3', blocks, { public: false }).response_type; // 'ephemeral'
 */
export function commandReply(
  text: string,
  blocks: readonly KnownBlock[],
  options: { public: boolean },
): SlackCommandReply {
  const max = SlackLimits.messageBlocks;
  const kept =
    blocks.length <= max
      ? [...blocks]
      : [
          ...blocks.slice(0, max - 1),
          {
            type: 'context' as const,
            elements: [
              {
                type: 'mrkdwn' as const,
                text: `… and ${blocks.length - (max - 1)} more parts not shown`,
                verbatim: true,
              },
            ],
          },
        ];
  return {
    response_type: options.public ? 'in_channel' : 'ephemeral',
    text: truncatePlain(text, SlackLimits.fallbackText),
    blocks: kept,
  };
}
