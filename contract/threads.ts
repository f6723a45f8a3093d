import { z } from "zod";
import { ThreadChannel, ThreadStatus } from "./channels";
import { Cursor, PageLimit, QueryBoolean, QueryText, Timestamp } from "./common";
import { ThreadLabel, ThreadPriority } from "./labels";
import { ThreadSla } from "./sla";

const ContactSummary = z.object({
  id: z.number(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

const StaffSummary = z.object({ id: z.number(), name: z.string() });
const PropertySummary = z.object({ id: z.number(), code: z.string(), name: z.string() });

/** WhatsApp's 24-hour customer-service window, opened by the guest's latest WhatsApp message. */
export const WhatsappWindow = z.object({ open: z.boolean(), expiresAt: Timestamp.nullable() });
export type WhatsappWindow = z.infer<typeof WhatsappWindow>;

/** Why a searched thread matched: the inbox says it ("booking GOA-1234", a quote of the message). */
export const SearchMatch = z.object({
  field: z.enum(["booking", "phone", "name", "email", "message"]),
  value: z.string(),
});
export type SearchMatch = z.infer<typeof SearchMatch>;

/** One row of the inbox. */
export const ThreadRow = z.object({
  id: z.number(),
  status: ThreadStatus,
  snoozedUntil: Timestamp.nullable(),
  contact: ContactSummary,
  property: PropertySummary.nullable(),
  assignee: StaffSummary.nullable(),
  bookingId: z.number().nullable(),
  bookingReference: z.string().nullable(),
  lastMessageAt: Timestamp,
  lastPreview: z.string().nullable(),
  lastInboundChannel: ThreadChannel.nullable(),
  /** The caller's own unread guest messages (an API key: the assignee's; unassigned: since anyone read it). */
  unreadCount: z.number(),
  whatsappWindow: WhatsappWindow,
  /** An outbound message failed and was not retried, superseded by a delivered one, or dismissed. */
  hasFailedOutbound: z.boolean(),
  createdAt: Timestamp,
  priority: ThreadPriority,
  /** The thread's labels, by name. */
  labels: z.array(ThreadLabel),
  /** The running response-time target due first; null when none runs (no policy, paused, resolved). */
  sla: ThreadSla.nullable(),
  /** Only in search results. */
  match: SearchMatch.optional(),
});
export type ThreadRow = z.infer<typeof ThreadRow>;

const StatusList = z
  .string()
  .transform((v) => v.split(",").map((s) => s.trim()))
  .pipe(z.array(ThreadStatus).min(1));

const PriorityList = z
  .string()
  .transform((v) => v.split(",").map((s) => s.trim()))
  .pipe(z.array(ThreadPriority).min(1));

export const ThreadListQuery = z.object({
  propertyId: z.coerce.number().int().positive().optional(),
  /** One status or several, comma-separated: `OPEN,PENDING`. */
  status: StatusList.optional(),
  /** `me` (staff sessions only), `none` (the property queue) or a staff id. */
  assignee: z.union([z.enum(["me", "none"]), z.coerce.number().int().positive()]).optional(),
  channel: ThreadChannel.optional(),
  unread: QueryBoolean.optional(),
  /**
   * Guest name, phone (any format: with or without country code, spaces, +), email, booking reference,
   * or text of the thread's messages. Across all statuses unless `status` is given too.
   */
  search: QueryText(200).optional(),
  /** Threads carrying this label (an id from GET /api/labels). */
  label: z.coerce.number().int().positive().optional(),
  /** One priority or several, comma-separated: `high,urgent`. */
  priority: PriorityList.optional(),
  /** Threads whose response-time target is due within the hour or overdue. */
  breachingSoon: QueryBoolean.optional(),
  /** `true`: threads whose notes mention me (staff sessions only), those with unread mentions first. */
  mentions: QueryBoolean.optional(),
  /**
   * `activity` (newest first, the default), `priority` (most urgent first, then newest) or `sla` (only
   * threads with a running response-time target, the one due first on top). `mentions` orders by unread
   * mention first and ignores `sort`.
   */
  sort: z.enum(["activity", "priority", "sla"]).optional(),
  cursor: Cursor.optional(),
  limit: PageLimit,
});
export type ThreadListQuery = z.infer<typeof ThreadListQuery>;

/** Unread unresolved threads that concern the signed-in person (theirs, or unassigned in their properties). */
export const UnreadSummaryResponse = z.object({ unreadThreads: z.number() });
export type UnreadSummaryResponse = z.infer<typeof UnreadSummaryResponse>;

export const ThreadListResponse = z.object({ threads: z.array(ThreadRow), nextCursor: Cursor.nullable() });
export type ThreadListResponse = z.infer<typeof ThreadListResponse>;

/** Where a thread has no property its times are shown in the hub's home zone. */
export const DEFAULT_TIME_ZONE = "Asia/Kolkata";

export const ThreadDetail = ThreadRow.extend({
  /** The property's IANA time zone: day dividers, times and snooze presets follow it. */
  timeZone: z.string(),
  subject: z.string().nullable(),
  lastInboundAt: Timestamp.nullable(),
  firstResponseAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  /** Notes on this thread that mention the signed-in person and that they have not opened yet. */
  unreadMentions: z.number().optional(),
});

export const AssignThreadBody = z.object({ staffUserId: z.number().int().positive().nullable() });
export type AssignThreadBody = z.infer<typeof AssignThreadBody>;

export const ThreadStatusBody = z
  .object({ status: ThreadStatus, snoozedUntil: Timestamp.nullable().optional() })
  .refine((b) => b.status === "SNOOZED" || !b.snoozedUntil, {
    message: "snoozedUntil is only for status SNOOZED",
    path: ["snoozedUntil"],
  });
export type ThreadStatusBody = z.infer<typeof ThreadStatusBody>;

export const ThreadResponse = z.object({ thread: ThreadDetail });
export type ThreadResponse = z.infer<typeof ThreadResponse>;

export const AddNoteBody = z.object({
  body: z.string().trim().min(1, "note content is required").max(10_000),
  /**
   * Colleagues named with `@name` in the note (ids from GET /api/threads/:id/assignable-staff): each is
   * notified and finds the thread under "Mentions". Someone who may not see the thread is refused.
   */
  mentionedStaffIds: z.array(z.number().int().positive()).max(20).optional(),
});

export const ThreadDetailResponse = z.object({
  thread: ThreadDetail,
  contact: ContactSummary.extend({
    whatsappOptedOut: z.boolean(),
    /** Gupshup said "number not on WhatsApp" (1002) at this time; null when reachable. */
    whatsappUnreachableAt: Timestamp.nullable(),
    smsOptedOut: z.boolean(),
    /** Meta's "stop marketing messages": MARKETING templates are refused, nothing else. */
    marketingOptedOut: z.boolean(),
    marketingOptedOutAt: z.string().nullable(),
    /** The guest's language code and the staff's notes about them (editable in the contact panel). */
    language: z.string().nullable(),
    notes: z.string().nullable(),
  }),
  booking: z
    .object({
      id: z.number(),
      reference: z.string(),
      propertyId: z.number(),
      guestName: z.string().nullable(),
      checkIn: z.iso.date(),
      checkOut: z.iso.date(),
      status: z.string(),
    })
    .nullable(),
  otherThreads: z.array(ThreadRow),
});
export type ThreadDetailResponse = z.infer<typeof ThreadDetailResponse>;
