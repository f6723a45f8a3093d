import type { DraftDto } from "@contract/composer";
import { DraftBody } from "@contract/composer";
import type { Ctx } from "@server/context";
import { composerDrafts } from "@server/db/schema/index";
import { getThread } from "@server/domain/threads/get-thread";
import { and, eq } from "drizzle-orm";
import { draftOwner } from "./draft-owner";

/** The signed-in staff member's drafts in a thread they may see, one per channel. */
export async function listThreadDrafts(ctx: Ctx, threadId: number): Promise<DraftDto[]> {
  // The thread first: a thread the caller may not see is a 404 whoever asks.
  const thread = await getThread(ctx, threadId);
  const staffUserId = draftOwner(ctx);
  const rows = await ctx.db
    .select()
    .from(composerDrafts)
    .where(and(eq(composerDrafts.staffUserId, staffUserId), eq(composerDrafts.threadId, thread.id)));
  return rows.flatMap((row) => {
    const body = DraftBody.safeParse(row.body);
    const channel = row.channel === "SMS" ? "SMS" : "WHATSAPP";
    return body.success
      ? [{ channel, body: body.data, updatedAt: (row.updatedAt ?? ctx.now()).toISOString() }]
      : [];
  });
}
