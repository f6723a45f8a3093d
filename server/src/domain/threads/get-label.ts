import { type Label, LabelColor } from "@contract/labels";
import type { Ctx } from "@server/context";
import { labels } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";

/** The label, if the actor may see its property; NOT_FOUND otherwise. */
export async function getLabel(ctx: Ctx, labelId: number): Promise<Label> {
  const [row] = await ctx.db.select().from(labels).where(eq(labels.id, labelId));
  if (!row) throw notFound("label", labelId);
  assertPropertyAccess(ctx, row.propertyId, "label", labelId);
  return toLabel(row);
}

export function toLabel(row: typeof labels.$inferSelect): Label {
  return {
    id: row.id,
    propertyId: row.propertyId,
    name: row.name,
    color: LabelColor.safeParse(row.color).data ?? "slate",
  };
}
