import type { Ctx } from "@server/context";
import { contacts, properties } from "@server/db/schema/index";
import { seedDemo } from "./seed-demo";

/**
 * Seeds the demo chain into a database that has no properties or contacts yet (a newcomer's first
 * `npm start` in simulator mode; the first administrator may already exist). Returns whether it did.
 */
export async function loadDemoDataIfEmpty(ctx: Ctx): Promise<boolean> {
  for (const table of [properties, contacts]) {
    const [any] = await ctx.db.select({ id: table.id }).from(table).limit(1);
    if (any) return false;
  }
  await seedDemo(ctx);
  return true;
}
