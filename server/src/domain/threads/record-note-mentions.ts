import type { Ctx } from "@server/context";
import { contacts, noteMentions, properties, propertyMemberships, staffUsers } from "@server/db/schema/index";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { validationFailed } from "@server/errors";
import { and, eq, exists, inArray, or } from "drizzle-orm";
import type { Thread } from "./get-thread";

export type Mentioned = { id: number; name: string };

/**
 * Stores who a note mentions and tells each of them (a realtime event for that person only). Only
 * active staff who may see the thread can be mentioned: its property's members, or admins; anyone
 * else is refused, so a note never leaks a conversation to another property. The author mentioning
 * themselves is not a mention.
 */
export async function recordNoteMentions(
  ctx: Ctx,
  input: {
    thread: Thread;
    noteId: number;
    authorId: number | null;
    authorName: string | null;
    staffIds: number[];
  },
): Promise<Mentioned[]> {
  const wanted = [...new Set(input.staffIds)].filter((id) => id !== input.authorId);
  if (wanted.length === 0) return [];
  const { thread } = input;
  const member =
    thread.propertyId === null
      ? undefined
      : exists(
          ctx.db
            .select({ one: propertyMemberships.staffUserId })
            .from(propertyMemberships)
            .where(
              and(
                eq(propertyMemberships.staffUserId, staffUsers.id),
                eq(propertyMemberships.propertyId, thread.propertyId),
              ),
            ),
        );
  const mentioned = await ctx.db
    .select({ id: staffUsers.id, name: staffUsers.name })
    .from(staffUsers)
    .where(
      and(
        inArray(staffUsers.id, wanted),
        eq(staffUsers.isActive, true),
        member ? or(member, eq(staffUsers.role, "ADMIN")) : eq(staffUsers.role, "ADMIN"),
      ),
    );
  if (mentioned.length !== wanted.length)
    throw validationFailed(
      "mentionedStaffIds",
      "only colleagues who can see this conversation can be mentioned",
    );

  await ctx.db.insert(noteMentions).values(
    mentioned.map((m) => ({
      noteId: input.noteId,
      staffUserId: m.id,
      threadId: thread.id,
      createdAt: ctx.now(),
    })),
  );
  const [names] = await ctx.db
    .select({ guestName: contacts.name, propertyName: properties.name })
    .from(contacts)
    .leftJoin(properties, eq(properties.id, thread.propertyId ?? -1))
    .where(eq(contacts.id, thread.contactId));
  for (const m of mentioned)
    await publishEvent(ctx, {
      type: "note.mentioned",
      propertyId: thread.propertyId,
      threadId: thread.id,
      recipientStaffId: m.id,
      payload: {
        threadId: thread.id,
        noteId: input.noteId,
        by: input.authorName,
        guestName: names?.guestName ?? null,
        propertyName: names?.propertyName ?? null,
      },
    });
  return mentioned;
}
