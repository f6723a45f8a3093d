import type { MessageRetryItem, StatusHistoryItem } from "@contract/outbound";
import type { z } from "zod";

export type MessageStatus = "PENDING" | "SENT" | "DELIVERED" | "READ" | "FAILED";
export type TickStep = { status: MessageStatus; at: string | null };

type History = z.infer<typeof StatusHistoryItem>[];
type StatusTimes = {
  status: MessageStatus;
  at: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
};

const ORDER: MessageStatus[] = ["PENDING", "SENT", "DELIVERED", "READ"];

/**
 * The steps a message went through, each with the time it was first reached: from the provider's
 * status history when known, else from the message's own timestamps. A later step implies the earlier
 * ones (a READ without a DELIVERED callback was still delivered), shown without a time.
 */
export function tickSteps(message: StatusTimes, history: History = []): TickStep[] {
  const firstAt = new Map<MessageStatus, string>();
  firstAt.set("PENDING", message.at);
  const own: [MessageStatus, string | null][] = [
    ["SENT", message.sentAt],
    ["DELIVERED", message.deliveredAt],
    ["READ", message.readAt],
    ["FAILED", message.failedAt],
  ];
  for (const [status, at] of own) if (at) firstAt.set(status, at);
  for (const item of history) {
    const at = item.occurredAt ?? item.receivedAt;
    const known = firstAt.get(item.status);
    if (!known || Date.parse(at) < Date.parse(known)) firstAt.set(item.status, at);
  }

  if (message.status === "FAILED") {
    const reached = ORDER.filter((s) => s === "PENDING" || firstAt.has(s));
    return [
      ...reached.map((status) => ({ status, at: firstAt.get(status) ?? null })),
      {
        status: "FAILED",
        at: firstAt.get("FAILED") ?? null,
      },
    ];
  }
  const last = ORDER.indexOf(message.status);
  return ORDER.slice(0, last + 1).map((status) => ({ status, at: firstAt.get(status) ?? null }));
}

/** "Sent 14:02:11 · Delivered 14:02:13 · Read 14:05:40", for the ticks' title. */
export function describeSteps(steps: TickStep[], format: (iso: string) => string): string {
  return steps
    .map((s) => `${s.status[0]}${s.status.slice(1).toLowerCase()} ${s.at ? format(s.at) : "(time unknown)"}`)
    .join(" · ");
}

/** "Retried by Ravi Kumar 14:03:10" for each time someone sent the failed message again. */
export function describeRetries(
  retries: z.infer<typeof MessageRetryItem>[],
  format: (iso: string) => string,
  nameOf: (actor: z.infer<typeof MessageRetryItem>["actor"]) => string | null,
): string[] {
  return retries.map(
    (r) => `Retried ${nameOf(r.actor) ? `by ${nameOf(r.actor)}` : "automatically"} ${format(r.at)}`,
  );
}
