import type { Ctx } from "@server/context";
import { properties } from "@server/db/schema/index";
import { validationFailed } from "@server/errors";
import { inArray } from "drizzle-orm";

/** The properties with these codes (none for none); a code that names no property is a 422 naming it. */
export async function getPropertiesByCode(
  ctx: Ctx,
  codes: string[],
): Promise<(typeof properties.$inferSelect)[]> {
  if (codes.length === 0) return [];
  const found = await ctx.db.select().from(properties).where(inArray(properties.code, codes));
  const missing = codes.filter((code) => !found.some((p) => p.code === code));
  if (missing.length) throw validationFailed("properties", `unknown property code ${missing.join(", ")}`);
  return found;
}
