import type { Ctx } from "@server/context";
import { staffUsers, threadNotes } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { validationFailed } from "@server/errors";
import { eq } from "drizzle-orm";
import { getThread } from "./get-thread";
import { type Mentioned, recordNoteMentions } from "./record-note-mentions";

export type ThreadNote = typeof threadNotes.$inferSelect & {
  author: { id: number; name: string } | null;
  mentions: Mentioned[];
};

/** Adds a private staff note to a thread's timeline (never sent to the guest), mentioning colleagues. */
export async function addThreadNote(
  ctx: Ctx,
  input: { threadId: number; body: string; mentionedStaffIds?: number[] },
): Promise<ThreadNote> {
  const body = input.body.trim();
  if (!body) throw validationFailed("body", "note content is required");
  return withTransaction(ctx, async (tx) => {
    const thread = await getThread(tx, input.threadId);
    const [note] = await tx.db
      .insert(threadNotes)
      .values({
        threadId: thread.id,
        authorId: tx.actor.type === "staff" ? tx.actor.staffUserId : null,
        body,
        createdAt: tx.now(),
      })
      .returning();
    if (!note) throw new Error("note insert returned nothing");
    await publishEvent(tx, {
      type: "thread.note_added",
      propertyId: thread.propertyId,
      threadId: thread.id,
      payload: { threadId: thread.id, noteId: note.id },
    });
    const [author] = note.authorId
      ? await tx.db
          .select({ id: staffUsers.id, name: staffUsers.name })
          .from(staffUsers)
          .where(eq(staffUsers.id, note.authorId))
      : [];
    const mentions = await recordNoteMentions(tx, {
      thread,
      noteId: note.id,
      authorId: note.authorId,
      authorName: author?.name ?? null,
      staffIds: input.mentionedStaffIds ?? [],
    });
    return { ...note, author: author ?? null, mentions };
  });
}
