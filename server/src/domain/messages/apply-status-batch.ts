import type { Ctx } from "@server/context";
import { contacts, messageLogs, messageStatusEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { and, asc, getTableColumns, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { moveStatus, type StatusUpdate, type StatusUpdateResult } from "./apply-status-update";
import { lockProviderIds } from "./lock-provider-ids";
import { rankOf, STATUS_RANK, statusForRank } from "./message-status";
import { publishMessageEvents } from "./publish-message-events";

type Located = { id: number; status: string; statusRank: number; whatsappMessageId: string | null };
type Pending = { index: number; update: StatusUpdate; rank: number | undefined; message?: Located };

/**
 * applyStatusUpdate for many events at once, with the same outcome as applying them one after another
 * in order: a message ends at the highest rank among its events and its own (never lower), each step's
 * timestamp at its earliest report, events for unknown ids held, redelivered events recorded once.
 * A constant number of statements per batch (locks, lookup, history insert, one update of the moved
 * messages, realtime events); messages with a failure among their events take applyStatusUpdate's own
 * path (error mapping, reachability, marketing opt-out), one event after another.
 * Results are in the order of `updates`.
 */
export async function applyStatusBatch(ctx: Ctx, updates: StatusUpdate[]): Promise<StatusUpdateResult[]> {
  if (updates.length === 0) return [];
  return withTransaction(ctx, async (tx) => {
    await lockProviderIds(
      tx,
      updates.flatMap((u) => [u.providerMessageId, u.whatsappMessageId]),
    );
    const located = await locateMessages(tx, updates);
    const results: StatusUpdateResult[] = new Array(updates.length).fill("duplicate");
    const firstOfKey = new Map<string, Pending>();
    for (const [index, update] of updates.entries()) {
      if (firstOfKey.has(update.eventKey)) continue;
      firstOfKey.set(update.eventKey, {
        index,
        update,
        rank: rankOf(update.providerStatus),
        message: located[index],
      });
    }
    const pending = [...firstOfKey.values()];
    const inserted = await insertHistory(tx, pending);
    const fresh = pending.filter((p) => inserted.has(p.update.eventKey));
    for (const p of fresh)
      results[p.index] = !p.message ? "held" : p.rank === undefined ? "recorded" : "stale";

    const byMessage = new Map<number, Pending[]>();
    for (const p of fresh) {
      if (!p.message || p.rank === undefined) continue;
      const list = byMessage.get(p.message.id) ?? [];
      list.push(p);
      byMessage.set(p.message.id, list);
    }
    const setBased: Array<{ message: Located; events: Pending[] }> = [];
    for (const events of byMessage.values()) {
      const message = events[0]?.message as Located;
      if (events.some((e) => e.rank === STATUS_RANK.failed)) {
        let rank = message.statusRank;
        for (const e of events) {
          const eventRank = e.rank as number;
          if (await moveStatus(tx, message.id, eventRank, e.update, rank)) results[e.index] = "applied";
          rank = Math.max(rank, eventRank);
        }
      } else setBased.push({ message, events });
    }
    const moved = await moveStatuses(tx, setBased);
    for (const { message, events } of setBased)
      for (const e of events) if ((e.rank as number) > message.statusRank) results[e.index] = "applied";
    await clearUnreachable(tx, moved);
    await publishMessageEvents(tx, "message.status_changed", moved);
    return results;
  });
}

/** Each update's message (found the way applyStatusUpdate finds it), locked in id order; wamids learnt. */
async function locateMessages(ctx: Ctx, updates: StatusUpdate[]): Promise<Array<Located | undefined>> {
  const pids = [...new Set(updates.map((u) => u.providerMessageId).filter((id): id is string => !!id))];
  const wids = [...new Set(updates.map((u) => u.whatsappMessageId).filter((id): id is string => !!id))];
  const rows = await ctx.db
    .select({
      id: messageLogs.id,
      status: messageLogs.status,
      statusRank: messageLogs.statusRank,
      providerMessageId: messageLogs.providerMessageId,
      whatsappMessageId: messageLogs.whatsappMessageId,
    })
    .from(messageLogs)
    .where(
      or(
        pids.length > 0 ? inArray(messageLogs.providerMessageId, pids) : undefined,
        wids.length > 0 ? inArray(messageLogs.whatsappMessageId, wids) : undefined,
        wids.length > 0 ? inArray(messageLogs.providerMessageId, wids) : undefined,
      ),
    )
    .orderBy(asc(messageLogs.id))
    // As in applyStatusUpdate: serializes the events of one message without conflicting with the
    // KEY SHARE lock of a history row's foreign key.
    .for("no key update");
  const byProviderId = new Map(rows.filter((r) => r.providerMessageId).map((r) => [r.providerMessageId, r]));
  const byWhatsappId = new Map(rows.filter((r) => r.whatsappMessageId).map((r) => [r.whatsappMessageId, r]));
  const learnt = new Map<number, string>();
  const located = updates.map((u) => {
    const row =
      (u.providerMessageId && byProviderId.get(u.providerMessageId)) ||
      (u.whatsappMessageId &&
        (byWhatsappId.get(u.whatsappMessageId) ?? byProviderId.get(u.whatsappMessageId))) ||
      undefined;
    if (!row) return undefined;
    const wid = u.whatsappMessageId;
    if (wid && !row.whatsappMessageId && wid !== u.providerMessageId && !learnt.has(row.id))
      learnt.set(row.id, wid);
    return row;
  });
  await recordWhatsappIds(ctx, learnt);
  for (const row of rows) row.whatsappMessageId = learnt.get(row.id) ?? row.whatsappMessageId;
  return located;
}

/** The WhatsApp ids learnt from a batch's events (message id → wamid), in one statement. */
async function recordWhatsappIds(ctx: Ctx, learnt: Map<number, string>): Promise<void> {
  if (learnt.size === 0) return;
  const ids = [...learnt.keys()];
  await ctx.db
    .update(messageLogs)
    .set({ whatsappMessageId: sql`v.wid`, updatedAt: ctx.now() })
    .from(
      sql`jsonb_to_recordset(${JSON.stringify([...learnt].map(([id, wid]) => ({ id, wid })))}::jsonb) as v(id int, wid text)`,
    )
    .where(and(sql`${messageLogs.id} = v.id`, inArray(messageLogs.id, ids)));
}

/** The events' history rows in one insert; returns the keys that were new. */
async function insertHistory(ctx: Ctx, pending: Pending[]): Promise<Set<string>> {
  if (pending.length === 0) return new Set();
  const now = ctx.now();
  const rows = await ctx.db
    .insert(messageStatusEvents)
    .values(
      pending.map(({ update, rank, message }) => ({
        messageId: message?.id ?? null,
        providerMessageId: update.providerMessageId ?? null,
        whatsappMessageId: update.whatsappMessageId ?? null,
        recipientPhone: update.recipientPhone ?? null,
        status: rank === undefined ? ((message?.status as "PENDING") ?? "PENDING") : statusForRank(rank),
        providerStatus: update.providerStatus,
        occurredAt: update.occurredAt ?? null,
        errorCode: update.errorCode ?? null,
        errorReason: update.errorReason ?? null,
        eventKey: update.eventKey,
        webhookEventId: update.webhookEventId ?? null,
        raw: update.raw ?? null,
        appliedAt: message ? now : null,
      })),
    )
    .onConflictDoNothing({ target: messageStatusEvents.eventKey })
    .returning({ eventKey: messageStatusEvents.eventKey });
  return new Set(rows.map((r) => r.eventKey));
}

type MessageRow = typeof messageLogs.$inferSelect;

/**
 * One UPDATE for every message of the batch: the status moves to the batch's highest rank when that
 * outranks the message's (read under the row lock), and each step's timestamp keeps its earliest report
 * either way (a READ without a DELIVERED backfills delivered, as moveStatus does). Returns the moved rows.
 */
async function moveStatuses(
  ctx: Ctx,
  groups: Array<{ message: Located; events: Pending[] }>,
): Promise<MessageRow[]> {
  if (groups.length === 0) return [];
  const now = ctx.now();
  const earliest = (events: Pending[], applies: (rank: number) => boolean) => {
    const times = events
      .filter((e) => applies(e.rank as number))
      .map((e) => (e.update.occurredAt ?? now).getTime());
    return times.length > 0 ? new Date(Math.min(...times)).toISOString() : null;
  };
  const changes = groups.map(({ message, events }) => {
    const top = events.reduce((best, e) => ((e.rank as number) > (best.rank as number) ? e : best));
    const rank = top.rank as number;
    return {
      id: message.id,
      move: rank > message.statusRank,
      status: statusForRank(rank),
      rank,
      provider_status: top.update.providerStatus,
      sent_at: earliest(events, (r) => r >= STATUS_RANK.sent),
      delivered_at: earliest(events, (r) => r >= STATUS_RANK.delivered),
      read_at: earliest(events, (r) => r === STATUS_RANK.read),
    };
  });
  const keepEarliest = (column: AnyPgColumn, value: SQL) =>
    sql`case when ${value} is null then ${column} else least(coalesce(${column}, ${value}), ${value}) end`;
  const rows = await ctx.db
    .update(messageLogs)
    .set({
      status: sql`case when v.move then v.status::message_status else ${messageLogs.status} end`,
      statusRank: sql`case when v.move then v.rank else ${messageLogs.statusRank} end`,
      providerStatus: sql`case when v.move then v.provider_status else ${messageLogs.providerStatus} end`,
      sentAt: keepEarliest(messageLogs.sentAt, sql.raw("v.sent_at")),
      deliveredAt: keepEarliest(messageLogs.deliveredAt, sql.raw("v.delivered_at")),
      readAt: keepEarliest(messageLogs.readAt, sql.raw("v.read_at")),
      updatedAt: now,
    })
    .from(
      sql`jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as v(id int, move boolean, status text, rank smallint, provider_status text, sent_at timestamptz, delivered_at timestamptz, read_at timestamptz)`,
    )
    // The id list lets the planner see how few rows are meant (see markProcessed in process-webhook-events).
    .where(
      and(
        sql`${messageLogs.id} = v.id`,
        inArray(
          messageLogs.id,
          changes.map((c) => c.id),
        ),
      ),
    )
    .returning({ ...getTableColumns(messageLogs), moved: sql<boolean>`v.move` });
  return rows
    .filter((r) => r.moved)
    .map(({ moved: _moved, ...row }) => row)
    .sort((a, b) => a.id - b.id);
}

/** A delivery proves the guest is on WhatsApp again (moveStatus's reachability rule, for the batch). */
async function clearUnreachable(ctx: Ctx, moved: MessageRow[]): Promise<void> {
  const ids = [
    ...new Set(
      moved
        .filter(
          (r) =>
            r.channel === "WHATSAPP" &&
            r.direction === "OUTBOUND" &&
            r.contactId !== null &&
            r.statusRank >= STATUS_RANK.delivered,
        )
        .map((r) => r.contactId as number),
    ),
  ].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await ctx.db
    .update(contacts)
    .set({ whatsappUnreachableAt: null, updatedAt: ctx.now() })
    .where(and(inArray(contacts.id, ids), isNotNull(contacts.whatsappUnreachableAt)));
}
