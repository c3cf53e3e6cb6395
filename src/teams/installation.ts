import type { TeamsConversationReference } from '../notify/teams/conversations';
import * as z from '../shared/zod';

/** The fields of an `installationUpdate` or `conversationUpdate` activity that locate the conversation. */
const InstallActivitySchema = z.object({
  serviceUrl: z.url(),
  conversation: z.object({ id: z.string().check(z.minLength(1)), tenantId: z.optional(z.string()) }),
  channelData: z.optional(
    z.object({
      channel: z.optional(z.object({ id: z.string().check(z.minLength(1)), name: z.optional(z.string()) })),
      team: z.optional(z.object({ id: z.optional(z.string()), name: z.optional(z.string()) })),
      tenant: z.optional(z.object({ id: z.string() })),
    }),
  ),
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
