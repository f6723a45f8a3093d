import type { Ctx } from "@server/context";
import { cannedReplies } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { eq } from "drizzle-orm";
import { getCannedReply } from "./get-canned-reply";
import { assertMayManage } from "./save-canned-reply";

/** Deletes a canned reply, under the same rules as saving one. */
export async function deleteCannedReply(ctx: Ctx, input: { cannedReplyId: number }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const existing = await getCannedReply(tx, input.cannedReplyId, { forUpdate: true });
    assertMayManage(tx, existing.propertyId, existing.id);
    await tx.db.delete(cannedReplies).where(eq(cannedReplies.id, existing.id));
    await recordAudit(tx, {
      action: "canned_reply.deleted",
      targetType: "canned_reply",
      targetId: existing.id,
      propertyId: existing.propertyId,
      details: { shortcut: existing.shortcut },
    });
  });
}
