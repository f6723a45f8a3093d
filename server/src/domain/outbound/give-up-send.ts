import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { STATUS_RANK } from "@server/domain/messages/message-status";
import { publishMessageEvent } from "@server/domain/messages/publish-message-event";
import { eq } from "drizzle-orm";
import type { MessageRow } from "./send-message";

/** Send states in which a message still waits for an attempt. */
export const SENDABLE_STATES = new Set(["QUEUED", "RETRYING"]);

/** The send job itself failed for good (it kept crashing): a queued message must not stay PENDING. */
export async function giveUpSend(ctx: Ctx, messageId: number, error: string): Promise<void> {
  const [row] = await ctx.db.select().from(messageLogs).where(eq(messageLogs.id, messageId));
  if (row && SENDABLE_STATES.has(row.sendState ?? ""))
    await failMessage(ctx, row, { failureKind: "EXHAUSTED", errorCode: "JOB_FAILED", errorMessage: error });
}

/** FAILED for good (until a person retries it), with the reason the sender will see. */
export async function failMessage(
  ctx: Ctx,
  row: MessageRow,
  failure: {
    failureKind: "PERMANENT" | "EXHAUSTED";
    errorCode: string;
    errorMessage: string;
    providerErrorCode?: string | null;
    providerErrorText?: string | null;
  },
): Promise<void> {
  await updateOutboundMessage(ctx, row.id, {
    sendState: "GAVE_UP",
    status: "FAILED",
    statusRank: Math.max(row.statusRank, STATUS_RANK.failed),
    failedAt: ctx.now(),
    nextAttemptAt: null,
    ...failure,
  });
}

/** Applies `patch` to an outbound message and tells the open screens. */
export async function updateOutboundMessage(ctx: Ctx, id: number, patch: Partial<MessageRow>): Promise<void> {
  const [row] = await ctx.db
    .update(messageLogs)
    .set({ ...patch, updatedAt: ctx.now() })
    .where(eq(messageLogs.id, id))
    .returning();
  if (row) await publishMessageEvent(ctx, "message.updated", row);
}
