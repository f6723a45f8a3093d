import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** bytea as a Buffer on both drivers (node-postgres gives a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) =>
    Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * Attachments held in the database by the postgres media store (MEDIA_STORE=postgres): one row per
 * stored file, its bytes in media_chunks. A row is `complete` only once every chunk is written, so a
 * reader never sees half a file; at most one complete row per key.
 */
export const mediaObjects = pgTable(
  "media_objects",
  {
    id: serial().primaryKey(),
    key: text().notNull(),
    size: bigint({ mode: "number" }).notNull().default(0),
    chunkSize: integer().notNull(),
    complete: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("media_objects_key_complete").on(t.key).where(sql`${t.complete}`), index().on(t.key)],
);

/** The bytes of a media object, in order: every chunk but the last is exactly the object's chunkSize. */
export const mediaChunks = pgTable(
  "media_chunks",
  {
    objectId: integer()
      .notNull()
      .references(() => mediaObjects.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.objectId, t.seq] })],
);
