import type { Ctx } from "@server/context";
import { withTransaction } from "@server/db/transaction";
import { applyStatusBatch } from "@server/domain/messages/apply-status-batch";
import type { StatusUpdate } from "@server/domain/messages/apply-status-update";
import { applyInboundEvent, type EventOutcome, type KeyedEvent, statusUpdateOf } from "./apply-inbound-event";
import { lockWebhookEvents, type WebhookEvent } from "./lock-webhook-event";
import { markWebhookEvents, type WebhookEventMark } from "./mark-webhook-events";
import { ignoredReasons, type ProcessWebhookEventResult } from "./process-webhook-event";

/** Kinds a batch applies itself: statuses (set-based) and kinds that change nothing. */
const BATCHED_KINDS = new Set(["status", "billing", "template", "unsupported"]);

/**
 * Per id: the batch's result, or SEPARATELY for a callback to be processed through processWebhookEvent,
 * with the guest it is from (`guest`, when it says) so that one guest's callbacks can be kept together.
 */
export type BatchResult = ProcessWebhookEventResult | { status: "SEPARATELY"; guest?: string };

/**
 * processWebhookEvent for many stored callbacks in one transaction: the rows are read and locked in one
 * statement, their status events applied together (applyStatusBatch), and the rows marked in one
 * update. Callbacks with other events (inbound messages, consent) are left SEPARATELY, unlocked at the
 * commit, for the caller to process one by one through processWebhookEvent as before. Any error rolls
 * the whole batch back: the caller then processes each callback on its own.
 */
export async function processWebhookEvents(
  ctx: Ctx,
  input: { webhookEventIds: number[]; readEvents: (row: WebhookEvent) => KeyedEvent[] },
): Promise<Map<number, BatchResult>> {
  return withTransaction(ctx, async (tx) => {
    const results = new Map<number, BatchResult>(
      input.webhookEventIds.map((id) => [id, { status: "SEPARATELY" }]),
    );
    const rows = (await lockWebhookEvents(tx, input.webhookEventIds)).values();
    const batched: Array<{ row: WebhookEvent; events: KeyedEvent[]; unreadable?: KeyedEvent }> = [];
    for (const row of rows) {
      if (row.status === "PROCESSED" || row.status === "IGNORED") {
        results.set(row.id, { status: "ALREADY_DONE", outcomes: [] });
        continue;
      }
      const events = input.readEvents(row);
      const unreadable = events.find((e) => e.event.kind === "unsupported" && e.event.unreadable);
      if (unreadable || events.every((e) => BATCHED_KINDS.has(e.event.kind)))
        batched.push({ row, events, unreadable });
      else results.set(row.id, { status: "SEPARATELY", guest: guestOf(events) });
    }

    const updates: StatusUpdate[] = [];
    const slots: Array<Array<EventOutcome | number>> = [];
    for (const { row, events, unreadable } of batched) {
      const slot: Array<EventOutcome | number> = [];
      for (const keyed of unreadable ? [] : events) {
        const update = statusUpdateFor(keyed, row.id);
        if (update) slot.push(updates.push(update) - 1);
        else
          slot.push(
            await applyInboundEvent(tx, { ...keyed, webhookEventId: row.id, receivedAt: row.receivedAt }),
          );
      }
      slots.push(slot);
    }
    const statusResults = await applyStatusBatch(tx, updates);

    const marks: WebhookEventMark[] = [];
    for (const [i, { row, unreadable }] of batched.entries()) {
      const outcomes = (slots[i] ?? []).map((o) =>
        typeof o === "number"
          ? { kind: "status" as const, result: statusResults[o] ?? "", ignored: false }
          : o,
      );
      const status = unreadable ? "UNPARSEABLE" : outcomes.every((o) => o.ignored) ? "IGNORED" : "PROCESSED";
      const note =
        unreadable?.event.kind === "unsupported"
          ? unreadable.event.reason
          : status === "IGNORED"
            ? ignoredReasons(outcomes)
            : undefined;
      marks.push({ id: row.id, status, note: note ?? null });
      results.set(row.id, { status, provider: row.provider, outcomes });
    }
    await markWebhookEvents(tx, marks);
    return results;
  });
}

function guestOf(events: KeyedEvent[]): string | undefined {
  for (const { event } of events) if (event.kind === "message") return event.from;
  for (const { event } of events)
    if (event.kind === "user" || event.kind === "preference") return event.phone;
  return undefined;
}

/** The status update of a status event that names its message; undefined for any other event. */
function statusUpdateFor({ event, key }: KeyedEvent, webhookEventId: number): StatusUpdate | undefined {
  if (event.kind !== "status" || (!event.providerMessageId && !event.whatsappMessageId)) return undefined;
  return statusUpdateOf(event, key, webhookEventId);
}
