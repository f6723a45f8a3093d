import type { Ctx } from "@server/context";
import { withTransaction } from "@server/db/transaction";
import { applyInboundEvent, type EventOutcome, type KeyedEvent } from "./apply-inbound-event";
import { lockWebhookEvent, type WebhookEvent } from "./lock-webhook-event";
import { markWebhookEvents, type WebhookEventMark } from "./mark-webhook-events";

export type ProcessWebhookEventResult =
  | { status: "PROCESSED" | "IGNORED" | "UNPARSEABLE"; provider: string; outcomes: EventOutcome[] }
  /** Already PROCESSED or IGNORED: a repeated job or a replay raced with the first run. */
  | { status: "ALREADY_DONE"; outcomes: [] };

/**
 * Applies a stored callback's events, read again from its raw body, and marks it PROCESSED (or IGNORED
 * when none of its events changes anything, UNPARSEABLE when its body cannot be read) in the same
 * transaction, so a crash leaves either both or neither. Idempotent: the event row is locked (read and
 * locked in one statement), and a done event is skipped.
 */
export async function processWebhookEvent(
  ctx: Ctx,
  input: {
    webhookEventId: number;
    /** The callback's events, parsed from the stored row (the provider's parser, given by the job). */
    readEvents: (row: WebhookEvent) => KeyedEvent[];
    /**
     * A batch's lane (ADR 0007): its rows already locked in this transaction, read from here instead
     * of one statement each, and its marks collected for one update at its end (markWebhookEvents).
     */
    lane?: { lockedRows: Map<number, WebhookEvent>; marks: WebhookEventMark[] };
  },
): Promise<ProcessWebhookEventResult> {
  return withTransaction(ctx, async (tx) => {
    const row =
      input.lane?.lockedRows.get(input.webhookEventId) ?? (await lockWebhookEvent(tx, input.webhookEventId));
    if (row.status === "PROCESSED" || row.status === "IGNORED")
      return { status: "ALREADY_DONE", outcomes: [] };

    const events = input.readEvents(row);
    const unreadable = events.find((e) => e.event.kind === "unsupported" && e.event.unreadable);
    const outcomes: EventOutcome[] = [];
    if (!unreadable) {
      for (const keyed of events) {
        outcomes.push(
          await applyInboundEvent(tx, {
            ...keyed,
            webhookEventId: input.webhookEventId,
            receivedAt: row.receivedAt,
          }),
        );
      }
    }
    const status = unreadable ? "UNPARSEABLE" : outcomes.every((o) => o.ignored) ? "IGNORED" : "PROCESSED";
    const note =
      unreadable?.event.kind === "unsupported"
        ? unreadable.event.reason
        : status === "IGNORED"
          ? ignoredReasons(outcomes)
          : undefined;
    const mark = { id: input.webhookEventId, status, note: note ?? null };
    if (input.lane) input.lane.marks.push(mark);
    else await markWebhookEvents(tx, [mark]);
    return { status, provider: row.provider, outcomes };
  });
}

export function ignoredReasons(outcomes: EventOutcome[]): string | undefined {
  const reasons = outcomes.filter((o) => o.ignored).map((o) => o.result);
  return reasons.length > 0 ? [...new Set(reasons)].join("; ").slice(0, 500) : undefined;
}
