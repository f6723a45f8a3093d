import type { Ctx } from "@server/context";
import { apiKeys, messageLogs, staffUsers, threadEvents } from "@server/db/schema/index";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

/** Who did something on a timeline: a staff member, an API key (by its name), or the hub itself. */
export type TimelineActor = { type: "STAFF" | "API_KEY" | "SYSTEM"; id: number | null; name: string | null };

type MessageRow = typeof messageLogs.$inferSelect;
type EventRow = typeof threadEvents.$inferSelect;

/** Messages by id with who sent each outbound one (null for the guest's), names joined in one query. */
export async function loadMessagesWithSenders(
  ctx: Ctx,
  ids: number[],
): Promise<Array<{ row: MessageRow; sender: TimelineActor | null }>> {
  const rows = await ctx.db
    .select({ row: messageLogs, staffName: staffUsers.name, keyName: apiKeys.name })
    .from(messageLogs)
    .leftJoin(staffUsers, eq(staffUsers.id, messageLogs.senderStaffId))
    .leftJoin(apiKeys, eq(apiKeys.id, messageLogs.senderApiKeyId))
    .where(inArray(messageLogs.id, ids));
  return rows.map(({ row, staffName, keyName }) => ({
    row,
    sender:
      row.direction !== "OUTBOUND"
        ? null
        : row.senderStaffId !== null
          ? { type: "STAFF", id: row.senderStaffId, name: staffName }
          : row.senderApiKeyId !== null
            ? { type: "API_KEY", id: row.senderApiKeyId, name: keyName }
            : { type: "SYSTEM", id: null, name: null },
  }));
}

const actorStaff = alias(staffUsers, "actor_staff");
const actorKey = alias(apiKeys, "actor_key");
const fromStaff = alias(staffUsers, "from_staff");
const toStaff = alias(staffUsers, "to_staff");

// `from`/`to` hold staff ids on assignment events and statuses or priorities on others.
const staffIdIn = (key: "from" | "to"): SQL =>
  sql`case when jsonb_typeof(${threadEvents.data} -> ${key}) = 'number' then (${threadEvents.data} ->> ${key})::int end`;

/**
 * Events by id with their actor's name and the names of the staff they mention (`data.from`/`data.to`
 * of assignment events), keyed by id: all joined in one query.
 */
export async function loadEventsWithNames(
  ctx: Ctx,
  ids: number[],
): Promise<Array<{ row: EventRow; actor: TimelineActor; names: Record<string, string> }>> {
  const rows = await ctx.db
    .select({
      row: threadEvents,
      staffName: actorStaff.name,
      keyName: actorKey.name,
      fromId: fromStaff.id,
      fromName: fromStaff.name,
      toId: toStaff.id,
      toName: toStaff.name,
    })
    .from(threadEvents)
    .leftJoin(actorStaff, and(eq(threadEvents.actorType, "STAFF"), eq(actorStaff.id, threadEvents.actorId)))
    .leftJoin(actorKey, and(eq(threadEvents.actorType, "API_KEY"), eq(actorKey.id, threadEvents.actorId)))
    .leftJoin(fromStaff, eq(fromStaff.id, staffIdIn("from")))
    .leftJoin(toStaff, eq(toStaff.id, staffIdIn("to")))
    .where(inArray(threadEvents.id, ids));
  return rows.map(({ row, staffName, keyName, fromId, fromName, toId, toName }) => {
    const names: Record<string, string> = {};
    if (fromId !== null && fromName !== null) names[fromId] = fromName;
    if (toId !== null && toName !== null) names[toId] = toName;
    return {
      row,
      actor: { type: row.actorType, id: row.actorId, name: staffName ?? keyName ?? null },
      names,
    };
  });
}
