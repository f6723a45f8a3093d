import type { RecordCallBody } from "@contract/calls";
import type { Ctx } from "@server/context";
import { callLogs } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { canAccessProperty } from "@server/domain/access/property-scope";
import { getThread } from "@server/domain/threads/get-thread";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadEntry } from "@server/domain/threads/record-thread-entry";
import { AppError, notFound } from "@server/errors";
import { eq } from "drizzle-orm";

export type CallLog = typeof callLogs.$inferSelect;
export type RecordCallInput = Omit<RecordCallBody, "startedAt"> & { startedAt: Date };

/**
 * Stores a call on the guest's thread (found by linkThread, like messages) and bumps the thread.
 * Idempotent on providerCallId. The thread must be in one of the actor's properties, else NOT_FOUND and
 * nothing is stored.
 */
export async function recordCall(
  ctx: Ctx,
  input: RecordCallInput,
): Promise<{ call: CallLog; duplicate: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const existing = await findByProviderId(tx, input.providerCallId);
    if (existing) return { call: existing, duplicate: true };
    const { contact, thread } = await linkThread(tx, {
      phone: input.phone,
      channel: "CALL",
      direction: input.direction,
      at: input.startedAt,
      receivingNumber: input.hotelNumber,
    });
    if (!canAccessProperty(tx, thread.propertyId))
      throw new AppError("NOT_FOUND", "this guest's thread is not in your properties");
    const [call] = await tx.db
      .insert(callLogs)
      .values({
        contactId: contact.id,
        threadId: thread.id,
        bookingId: thread.bookingId,
        direction: input.direction,
        status: input.status,
        phone: contact.phone ?? input.phone,
        fromNumber: input.direction === "INBOUND" ? contact.phone : (input.hotelNumber ?? null),
        toNumber: input.direction === "INBOUND" ? (input.hotelNumber ?? null) : contact.phone,
        durationSeconds: input.durationSeconds ?? null,
        recordingUrl: input.recordingUrl ?? null,
        provider: input.provider ?? null,
        providerCallId: input.providerCallId ?? null,
        startedAt: input.startedAt,
        createdAt: tx.now(),
      })
      .onConflictDoNothing({ target: callLogs.providerCallId })
      .returning();
    // A concurrent post of the same providerCallId won the insert: answer as the duplicate it is.
    if (!call) return { call: await mustFind(tx, input.providerCallId), duplicate: true };
    await recordThreadEntry(tx, thread, {
      direction: input.direction,
      channel: "CALL",
      at: input.startedAt,
      preview: callPreview(call),
      event: { type: "call.recorded", payload: { threadId: thread.id, callId: call.id } },
    });
    return { call, duplicate: false };
  });
}

async function findByProviderId(ctx: Ctx, providerCallId: string | undefined): Promise<CallLog | undefined> {
  if (!providerCallId) return undefined;
  const [call] = await ctx.db.select().from(callLogs).where(eq(callLogs.providerCallId, providerCallId));
  if (!call) return undefined;
  if (call.threadId === null) throw notFound("call", providerCallId);
  await getThread(ctx, call.threadId);
  return call;
}

function callPreview(call: Pick<CallLog, "direction" | "status" | "durationSeconds">): string {
  const what = call.direction === "INBOUND" ? "Call from guest" : "Call to guest";
  if (call.status === "MISSED") return call.direction === "INBOUND" ? "Missed call" : `${what}: no answer`;
  if (call.status !== "ANSWERED") return `${what}: ${call.status.toLowerCase()}`;
  const seconds = call.durationSeconds ?? 0;
  return `${what}, ${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

async function mustFind(ctx: Ctx, key: string | undefined) {
  const found = await findByProviderId(ctx, key);
  if (!found) throw new Error("call insert conflicted but no row was found");
  return found;
}
