import type { ThreadStatus } from "./channels";
import type { ThreadLabel, ThreadPriority } from "./labels";
import type { MessageDto } from "./messages";

// Every realtime event the server publishes (GET /api/events, one SSE event each), by name, with the
// payload it carries. The publisher (server/src/domain/realtime/publish-event.ts) accepts only these
// names with their payloads; the web subscribes to exactly REALTIME_EVENT_TYPES and ignores any other
// name. A new event: add it here (type and name), publish it, and let the web react to it.
// No zod here (type imports only): the web imports the names, and they must stay cheap to load.

export type RealtimeEventPayloads = {
  /** A guest's message was stored (webhook or simulator). */
  "message.received": MessageDto;
  /** A staff or API send was stored and queued (status PENDING). */
  "message.created": MessageDto;
  /** An outbound message moved in the send pipeline (accepted, retrying, failed, unknown, retried) or an attachment was stored. */
  "message.updated": MessageDto;
  /** A provider status (SENT, DELIVERED, READ, FAILED) was applied. */
  "message.status_changed": MessageDto;
  "thread.created": { threadId: number; contactId: number; propertyId: number | null };
  /** A thread's list row changed: status, assignee, unread count, latest activity. */
  "thread.updated": {
    threadId: number;
    status: ThreadStatus;
    assigneeId: number | null;
    unreadCount: number;
    lastMessageAt: string;
    lastPreview: string | null;
  };
  "thread.assigned": {
    threadId: number;
    assigneeId: number | null;
    previousAssigneeId: number | null;
    how: "manual" | "round_robin" | "sticky" | "reopen_unassigned" | "deactivated" | "moved";
  };
  "thread.note_added": { threadId: number; noteId: number };
  "call.recorded": { threadId: number; callId: number };
  "email.recorded": { threadId: number; emailId: number };
  /** A contact's details or consent changed; the fields present depend on what changed. */
  "contact.updated": { contactId: number } & Record<string, unknown>;
  "contact.merged": { from: number; into: number; combinedThreads: number[] };
  "booking.updated": { bookingId: number; reference: string; contactId: number | null };
  /** A label was added to or removed from a thread; `labels` is the thread's full set after the change. */
  "thread.labels_changed": { threadId: number; labels: ThreadLabel[] };
  /** A thread's priority changed. */
  "thread.priority_changed": { threadId: number; priority: ThreadPriority };
  /** A response-time target passed its due time; `notifyStaffIds`: the assignee, or the property's managers. */
  "thread.sla_breached": {
    threadId: number;
    kind: "FIRST_RESPONSE" | "NEXT_RESPONSE" | "RESOLUTION";
    dueAt: string;
    notifyStaffIds: number[];
  };
  /** A note mentions the one staff member this event goes to (nobody else receives it). */
  "note.mentioned": {
    threadId: number;
    noteId: number;
    by: string | null;
    guestName: string | null;
    propertyName: string | null;
  };
  /** The recipient's own draft on a thread changed on another device (only they receive it). */
  "draft.changed": { threadId: number; channel: "WHATSAPP" | "SMS" };
};

export type RealtimeEventType = keyof RealtimeEventPayloads;

// A Record over the union, so a name added to the map and missing here (or the reverse) fails typecheck.
const EVENT_TYPES: Record<RealtimeEventType, true> = {
  "message.received": true,
  "message.created": true,
  "message.updated": true,
  "message.status_changed": true,
  "thread.created": true,
  "thread.updated": true,
  "thread.assigned": true,
  "thread.note_added": true,
  "call.recorded": true,
  "email.recorded": true,
  "contact.updated": true,
  "contact.merged": true,
  "booking.updated": true,
  "thread.labels_changed": true,
  "thread.priority_changed": true,
  "thread.sla_breached": true,
  "note.mentioned": true,
  "draft.changed": true,
};

/** The names of every event the server publishes, for EventSource listeners. */
export const REALTIME_EVENT_TYPES = Object.keys(EVENT_TYPES) as RealtimeEventType[];

export function isRealtimeEventType(type: string): type is RealtimeEventType {
  return Object.hasOwn(EVENT_TYPES, type);
}

/** One event as the stream delivers it: `payload` is the named event's payload. */
export type TypedRealtimeEvent<T extends RealtimeEventType = RealtimeEventType> = {
  [K in T]: {
    id: number;
    type: K;
    propertyId: number | null;
    threadId: number | null;
    payload: RealtimeEventPayloads[K];
    createdAt: string;
  };
}[T];
