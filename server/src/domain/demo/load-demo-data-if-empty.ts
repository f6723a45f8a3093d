import type { Ctx } from "@server/context";
import { contacts, properties } from "@server/db/schema/index";
import { type DemoAccount, seedDemo } from "./seed-demo";

/**
 * Seeds the demo chain into a database that has no properties or contacts yet (a newcomer's first
 * `npm start` in simulator mode; the first administrator may already exist). Returns the demo staff
 * accounts it created with their passwords (to print once), or undefined when it loaded nothing.
 */
export async function loadDemoDataIfEmpty(ctx: Ctx): Promise<DemoAccount[] | undefined> {
  for (const table of [properties, contacts]) {
    const [any] = await ctx.db.select({ id: table.id }).from(table).limit(1);
    if (any) return undefined;
  }
  return (await seedDemo(ctx)).accounts;
}
