import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import type { MediaStore } from "@server/domain/media/media-store";
import { deleteGuestMedia } from "@server/domain/privacy/guest-media";
import { sql } from "drizzle-orm";

/** A file uploaded in the composer and never sent is kept this long (a draft may still send it). */
export const UNSENT_UPLOAD_DAYS = 7;

/**
 * Deletes composer uploads that no message sends and that are older than UNSENT_UPLOAD_DAYS, in
 * batches: the bytes leave the store, then the row goes. A sent upload stays as long as its message's
 * media does (the property's media retention decides that). Returns how many files were removed.
 */
export async function expireUnsentUploads(
  ctx: Ctx,
  store: MediaStore,
  policy: { batchSize: number; maxBatches: number },
): Promise<number> {
  let removed = 0;
  for (let batch = 0; batch < policy.maxBatches; batch += 1) {
    const due = await queryRows<{ id: number; key: string }>(
      ctx.db,
      sql`select u.id, u.storage_key as key from outbound_uploads u
        where u.created_at < ${ctx.now().toISOString()}::timestamptz - make_interval(days => ${UNSENT_UPLOAD_DAYS})
          and not exists (select 1 from message_logs m where m.media_storage_path = u.storage_key)
        order by u.id
        limit ${policy.batchSize}`,
    );
    // Bytes first, as for resolved threads' media: a crash in between leaves a row whose file is gone,
    // which the next run deletes again.
    for (const row of due) await deleteGuestMedia(store, row.key);
    if (due.length > 0)
      await ctx.db.execute(
        sql`delete from outbound_uploads where id in (${sql.join(
          due.map((row) => sql`${row.id}`),
          sql`, `,
        )})`,
      );
    removed += due.length;
    if (due.length < policy.batchSize) break;
  }
  if (removed > 0) ctx.log.info({ removed }, "retention removed composer uploads that were never sent");
  return removed;
}
