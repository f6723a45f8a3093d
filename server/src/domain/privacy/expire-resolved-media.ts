import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import type { MediaStore } from "@server/domain/media/media-store";
import { sql } from "drizzle-orm";
import { deleteGuestMedia } from "./guest-media";

/** What a message's media_status becomes once its property's media retention deleted the bytes. */
export const MEDIA_REMOVED_BY_RETENTION = "REMOVED";

/**
 * Deletes the stored attachments of threads resolved longer ago than their property's
 * `media_retention_days` (properties with null keep them), in batches of `batchSize` messages, at most
 * `maxBatches`: the bytes leave the store, then the message says REMOVED (no path, size or provider URL
 * left to link to). A thread that is open again, or was reopened and not yet resolved for that long,
 * keeps its files. Returns how many files were removed.
 */
export async function expireResolvedMedia(
  ctx: Ctx,
  store: MediaStore,
  policy: { batchSize: number; maxBatches: number },
): Promise<number> {
  let removed = 0;
  for (let batch = 0; batch < policy.maxBatches; batch += 1) {
    const due = await queryRows<{ id: number; path: string }>(
      ctx.db,
      sql`select m.id, coalesce(m.media_storage_path, '') as path
        from message_logs m
        join threads t on t.id = m.thread_id
        join properties p on p.id = t.property_id
        where p.media_retention_days is not null
          and t.status = 'RESOLVED'
          and t.resolved_at < ${ctx.now().toISOString()}::timestamptz - make_interval(days => p.media_retention_days)
          and m.media_status = 'STORED'
        order by m.id
        limit ${policy.batchSize}`,
    );
    // Bytes first: a crash in between leaves a STORED row whose file is gone, which the next run
    // deletes again (a no-op) and marks; the other order could leave bytes nothing points to.
    for (const row of due) await deleteGuestMedia(store, row.path);
    if (due.length > 0) {
      await ctx.db.execute(
        sql`update message_logs set media_status = ${MEDIA_REMOVED_BY_RETENTION}, media_storage_path = null,
            media_size = null, media_url = null, updated_at = ${ctx.now().toISOString()}
          where id in (${sql.join(
            due.map((row) => sql`${row.id}`),
            sql`, `,
          )}) and media_status = 'STORED'`,
      );
    }
    removed += due.length;
    if (due.length < policy.batchSize) break;
  }
  if (removed > 0) ctx.log.info({ removed }, "retention removed attachments of resolved threads");
  return removed;
}
