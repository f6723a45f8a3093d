import type { TimelineItem } from "@contract/timeline";
import { readInteractive } from "@server/domain/messages/inbound-metadata";
import { describeFailure } from "@server/domain/outbound/failure-policy";
import type { TimelineEntry } from "@server/domain/threads/list-timeline";
import { presentCall, presentEmail } from "@server/presenters/call-and-email";
import { type PresentContext, presentMedia, presentReplyTo } from "@server/presenters/message";

/** One timeline entry as the wire contract types it; `context` as for presentMessage. */
export function presentTimelineEntry(entry: TimelineEntry, context: PresentContext = {}): TimelineItem {
  const { quoted, smsAvailable } = context;
  const at = entry.at.toISOString();
  switch (entry.kind) {
    case "message": {
      const m = entry.row;
      return {
        kind: "message",
        id: m.id,
        at,
        channel: m.channel,
        direction: m.direction,
        status: m.status,
        text: m.message,
        templateId: m.templateId,
        media: presentMedia(m),
        interactive: readInteractive(m),
        replyTo: presentReplyTo(m, quoted),
        errorMessage: m.errorMessage,
        errorCode: m.errorCode,
        providerErrorCode: m.providerErrorCode,
        providerErrorText: m.providerErrorText,
        failure: describeFailure(m, smsAvailable),
        senderStaffId: m.senderStaffId,
        sender: entry.sender,
        sentAt: m.sentAt?.toISOString() ?? null,
        deliveredAt: m.deliveredAt?.toISOString() ?? null,
        readAt: m.readAt?.toISOString() ?? null,
        failedAt: m.failedAt?.toISOString() ?? null,
      };
    }
    case "call":
      return { ...presentCall(entry.row), at };
    case "email":
      return { ...presentEmail(entry.row), at };
    case "note":
      return { kind: "note", id: entry.row.id, at, body: entry.row.body, author: entry.author };
    case "event": {
      const ev = entry.row;
      return {
        kind: "event",
        id: ev.id,
        at,
        type: ev.type,
        actor: entry.actor,
        data: isRecord(ev.data) ? ev.data : null,
        names: entry.names,
      };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
