import { ThreadChannel } from "@contract/channels";
import { DEFAULT_TIME_ZONE, type ThreadDetail, type ThreadRow } from "@contract/threads";
import { whatsappWindow } from "@contract/whatsapp-window";
import type { ThreadListRow } from "@server/domain/threads/select-thread-rows";
import { priorityName } from "@server/domain/threads/set-thread-priority";
import type { z } from "zod";
import { presentThreadSla } from "./thread-sla";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentThreadRow(row: ThreadListRow, now: Date): ThreadRow {
  const { thread } = row;
  return {
    id: thread.id,
    status: thread.status,
    snoozedUntil: iso(thread.snoozedUntil),
    contact: row.contact,
    property: row.property,
    assignee: row.assignee,
    bookingId: thread.bookingId,
    bookingReference: row.bookingReference,
    lastMessageAt: thread.lastMessageAt.toISOString(),
    lastPreview: thread.lastPreview,
    lastInboundChannel: ThreadChannel.safeParse(thread.lastInboundChannel).data ?? null,
    unreadCount: thread.unreadCount,
    whatsappWindow: whatsappWindow(thread.lastWhatsappInboundAt, now),
    hasFailedOutbound: row.hasFailedOutbound,
    createdAt: thread.createdAt.toISOString(),
    priority: priorityName(thread.priority),
    labels: row.labels,
    sla: presentThreadSla(thread),
  };
}

export function presentThreadDetail(row: ThreadListRow, now: Date): z.infer<typeof ThreadDetail> {
  const { thread } = row;
  return {
    ...presentThreadRow(row, now),
    timeZone: row.propertyTimezone ?? DEFAULT_TIME_ZONE,
    subject: thread.subject,
    lastInboundAt: iso(thread.lastInboundAt),
    firstResponseAt: iso(thread.firstResponseAt),
    resolvedAt: iso(thread.resolvedAt),
  };
}
