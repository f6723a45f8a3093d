import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { at, createdAt } from "./columns";
import { staffUsers } from "./staff";
import { threadNotes, threads } from "./threads";

/** A colleague named with `@name` in a private note: their "Mentions" inbox, unread until they open it. */
export const noteMentions = pgTable(
  "note_mentions",
  {
    noteId: integer()
      .notNull()
      .references(() => threadNotes.id, { onDelete: "cascade" }),
    staffUserId: integer()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    readAt: at(),
  },
  (t) => [
    primaryKey({ columns: [t.noteId, t.staffUserId] }),
    index("note_mentions_unread_idx").on(t.staffUserId, t.threadId).where(sql`${t.readAt} is null`),
    index("note_mentions_staff_thread_idx").on(t.staffUserId, t.threadId),
  ],
);
