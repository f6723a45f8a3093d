import type { Label } from "@contract/labels";
import type { Ctx } from "@server/context";
import { labels } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { and, asc, eq } from "drizzle-orm";
import { toLabel } from "./get-label";

/** The labels of the properties the actor may see (or of one of them), by property then name. */
export async function listLabels(ctx: Ctx, input: { propertyId?: number } = {}): Promise<Label[]> {
  const rows = await ctx.db
    .select()
    .from(labels)
    .where(
      and(
        propertyCondition(ctx, labels.propertyId),
        input.propertyId === undefined ? undefined : eq(labels.propertyId, input.propertyId),
      ),
    )
    .orderBy(asc(labels.propertyId), asc(labels.name), asc(labels.id));
  return rows.map(toLabel);
}
