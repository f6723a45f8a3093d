import { ThreadChannel } from "@contract/channels";
import type { SlaPolicy } from "@contract/sla";
import type { Ctx } from "@server/context";
import { slaPolicies } from "@server/db/schema/index";
import { requirePropertySettingsAccess } from "@server/domain/properties/require-property-settings-access";
import { priorityName } from "@server/domain/threads/set-thread-priority";
import { asc, eq, sql } from "drizzle-orm";

/**
 * A property's SLA policies, default first. Admins for any property, managers for theirs (another
 * property is NOT_FOUND), agents FORBIDDEN.
 */
export async function listSlaPolicies(ctx: Ctx, input: { propertyId: number }): Promise<SlaPolicy[]> {
  await requirePropertySettingsAccess(ctx, input.propertyId);
  const rows = await ctx.db
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.propertyId, input.propertyId))
    .orderBy(
      sql`(${slaPolicies.channel} is not null)`,
      sql`(${slaPolicies.priority} is not null)`,
      asc(slaPolicies.channel),
      asc(slaPolicies.priority),
    );
  return rows.map((r) => ({
    channel: ThreadChannel.safeParse(r.channel).data ?? null,
    priority: r.priority === null ? null : priorityName(r.priority),
    firstResponseSeconds: r.firstResponseSeconds,
    nextResponseSeconds: r.nextResponseSeconds,
    resolutionSeconds: r.resolutionSeconds,
    pauseWhileSnoozed: r.pauseWhileSnoozed,
  }));
}
