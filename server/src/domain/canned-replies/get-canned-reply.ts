import type { Ctx } from "@server/context";
import { cannedReplies } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";

export type CannedReply = typeof cannedReplies.$inferSelect;

/**
 * The canned reply, if the actor may use it (chain-wide ones are everyone's; a property's only its
 * members'); NOT_FOUND otherwise. `forUpdate` locks the row.
 */
export async function getCannedReply(
  ctx: Ctx,
  cannedReplyId: number,
  options: { forUpdate?: boolean } = {},
): Promise<CannedReply> {
  const query = ctx.db.select().from(cannedReplies).where(eq(cannedReplies.id, cannedReplyId));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("canned reply", cannedReplyId);
  if (row.propertyId !== null) assertPropertyAccess(ctx, row.propertyId, "canned reply", cannedReplyId);
  return row;
}
