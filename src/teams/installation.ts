import { z } from 'zod';
import type { TeamsConversationReference } from '../notify/teams/conversations';

/** The fields of an `installationUpdate` or `conversationUpdate` activity that locate the conversation. */
const InstallActivitySchema = z.object({
  serviceUrl: z.url(),
  conversation: z.object({ id: z.string().min(1), tenantId: z.string().optional() }),
  channelData: z
    .object({
      channel: z.object({ id: z.string().min(1), name: z.string().optional() }).optional(),
      team: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
      tenant: z.object({ id: z.string() }).optional(),
    })
    .optional(),
});

/**
 * The conversation reference of an installation, or undefined when the activity does not carry one. In a
 * team the reference names the channel (`channelData.channel.id`, the General channel on install); a thread
 * suffix (`;messageid=…`) is dropped, since cards are posted to the channel, not into a thread.
 *
 * @example
 * conversationReferenceOf(installActivity, '2026-11-20T14:00:00.000Z')?.conversationId; // '19:abc@thread.tacv2'
 */
export function conversationReferenceOf(
  activity: unknown,
  installedAt: string,
): TeamsConversationReference | undefined {
  const parsed = InstallActivitySchema.safeParse(activity);
  if (!parsed.success) return undefined;
  const { serviceUrl, conversation, channelData } = parsed.data;
  const conversationId = (channelData?.channel?.id ?? conversation.id).split(';')[0] ?? conversation.id;
  const tenantId = channelData?.tenant?.id ?? conversation.tenantId;
  return {
    conversationId,
    serviceUrl,
    installedAt,
    ...(tenantId ? { tenantId } : {}),
    ...(channelData?.team?.name ? { teamName: channelData.team.name } : {}),
    ...(channelData?.channel?.name ? { channelName: channelData.channel.name } : {}),
  };
}
