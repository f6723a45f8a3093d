import { ThreadChannel } from "@contract/channels";
import { DEFAULT_TIME_ZONE, type ThreadDetail, type ThreadRow, type WhatsappWindow } from "@contract/threads";
import type { ThreadListRow } from "@server/domain/threads/select-thread-rows";
import type { z } from "zod";

const WINDOW_MS = 24 * 60 * 60 * 1000;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** WhatsApp's customer-service window: open for 24 hours after the guest's latest WhatsApp message. */
export function whatsappWindow(lastWhatsappInboundAt: Date | null, now: Date): WhatsappWindow {
  if (!lastWhatsappInboundAt) return { open: false, expiresAt: null };
  const expiresAt = new Date(lastWhatsappInboundAt.getTime() + WINDOW_MS);
  return { open: expiresAt.getTime() > now.getTime(), expiresAt: expiresAt.toISOString() };
}

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
    createdAt: thread.createdAt.toISOString(),
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
