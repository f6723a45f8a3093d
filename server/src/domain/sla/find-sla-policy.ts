import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { slaPolicies } from "@server/db/schema/index";
import { readOncePerTransaction } from "@server/db/transaction-memo";
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
  // Looked up whenever a thread's activity changes: built once per connection (db/prepared-query).
  const withChannel = input.channel !== null;
  const key = `sla-policy:${input.propertyId}:${input.channel}:${input.priority}`;
  const [policy] = await readOncePerTransaction(ctx, key, () =>
    preparedQuery(ctx.db, withChannel ? "sla_policy_for_channel" : "sla_policy", (db, name) =>
      db
        .select()
        .from(slaPolicies)
        .where(
          and(
            eq(slaPolicies.propertyId, sql.placeholder("propertyId")),
            withChannel
              ? or(isNull(slaPolicies.channel), eq(slaPolicies.channel, sql.placeholder("channel")))
              : isNull(slaPolicies.channel),
            or(isNull(slaPolicies.priority), eq(slaPolicies.priority, sql.placeholder("priority"))),
          ),
        )
        .orderBy(
          sql`(${slaPolicies.channel} is not null) desc`,
          sql`(${slaPolicies.priority} is not null) desc`,
        )
        .limit(1)
        .prepare(name),
    ).execute({
      propertyId: input.propertyId,
      channel: input.channel ?? undefined,
      priority: input.priority,
    }),
  );
  return policy;
}
