import type { Ctx } from "@server/context";
import { publishEvent } from "@server/domain/realtime/publish-event";

/**
 * Tells the draft's owner, on their other devices, that it changed (an event to them alone; the
 * composer there fetches it unless they are typing in it).
 */
export async function publishDraftChanged(
  ctx: Ctx,
  draft: { threadId: number; propertyId: number | null; channel: "WHATSAPP" | "SMS"; staffUserId: number },
): Promise<void> {
  await publishEvent(ctx, {
    type: "draft.changed",
    propertyId: draft.propertyId,
    threadId: draft.threadId,
    recipientStaffId: draft.staffUserId,
    payload: { threadId: draft.threadId, channel: draft.channel },
  });
}
