import type { Ctx } from "@server/context";
import { templates } from "@server/db/schema/index";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Template } from "./resolve-template";

/** Synced templates (DELETED ones left out), by name; templates belong to the account, not a property. */
export async function listTemplates(ctx: Ctx, query: { channel?: "WHATSAPP" | "SMS" }): Promise<Template[]> {
  return ctx.db
    .select()
    .from(templates)
    .where(
      and(ne(templates.status, "DELETED"), query.channel ? eq(templates.channel, query.channel) : undefined),
    )
    .orderBy(asc(templates.name), asc(templates.language), asc(templates.id));
}
