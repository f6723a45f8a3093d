import type { Ctx } from "@server/context";
import { slaPolicies } from "@server/db/schema/index";
import { and, eq, isNull, or, sql } from "drizzle-orm";

export type SlaPolicy = typeof slaPolicies.$inferSelect;

/**
 * The policy that applies to a thread of this property, channel and priority: the most specific one
 * (channel and priority, then channel, then priority, then the property's default); undefined without one.
 */
export async function findSlaPolicy(
  ctx: Ctx,
  input: { propertyId: number | null; channel: string | null; priority: number },
): Promise<SlaPolicy | undefined> {
  if (input.propertyId === null) return undefined;
  const [policy] = await ctx.db
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.propertyId, input.propertyId),
        input.channel === null
          ? isNull(slaPolicies.channel)
          : or(isNull(slaPolicies.channel), eq(slaPolicies.channel, input.channel)),
        or(isNull(slaPolicies.priority), eq(slaPolicies.priority, input.priority)),
      ),
    )
    .orderBy(sql`(${slaPolicies.channel} is not null) desc`, sql`(${slaPolicies.priority} is not null) desc`)
    .limit(1);
  return policy;
}
