import { z } from "zod";
import { Direction } from "./channels";
import { Cursor, PageLimit, Timestamp } from "./common";
import { MessageFailure, MessageInteractive, MessageReplyTo } from "./messages";

const base = { id: z.number(), at: Timestamp };

/** Who did it: a staff member, an API key (`name` is the key's name), or the hub on its own (SYSTEM). */
export const TimelineActor = z.object({
  type: z.enum(["STAFF", "API_KEY", "SYSTEM"]),
  id: z.number().nullable(),
  name: z.string().nullable(),
});

export const MessageItem = z.object({
  kind: z.literal("message"),
  ...base,
  channel: z.enum(["WHATSAPP", "SMS"]),
  direction: Direction,
  status: z.enum(["PENDING", "SENT", "DELIVERED", "READ", "FAILED"]),
  text: z.string().nullable(),
  templateId: z.string().nullable(),
  media: z
    .object({
      type: z.string(),
      url: z.string().nullable(),
      caption: z.string().nullable(),
      filename: z.string().nullable(),
      /** Once stored, the type read from the file's bytes (never the sender's declaration). */
      mimeType: z.string().nullable(),
      /** Inbound media is fetched into storage by a job: PENDING, STORED or FAILED; REMOVED once the property's media retention deleted it. */
      status: z.string().nullable(),
    })
    .nullable(),
  interactive: MessageInteractive.nullable(),
  replyTo: MessageReplyTo.nullable(),
  errorMessage: z.string().nullable(),
  errorCode: z.string().nullable(),
  providerErrorCode: z.string().nullable(),
  providerErrorText: z.string().nullable(),
  failure: MessageFailure.nullable(),
  senderStaffId: z.number().nullable(),
  /** Who sent an outbound message (null for the guest's): a person, an API key, or SYSTEM (automatic). */
  sender: TimelineActor.nullable(),
  /** When each step was reached, for the ticks' hover times; null when not (yet) reached. */
  sentAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  readAt: Timestamp.nullable(),
  failedAt: Timestamp.nullable(),
});

export const CallItem = z.object({
  kind: z.literal("call"),
  ...base,
  direction: Direction,
  status: z.string(),
  phone: z.string(),
  durationSeconds: z.number().nullable(),
  recordingUrl: z.string().nullable(),
});

export const EmailItem = z.object({
  kind: z.literal("email"),
  ...base,
  direction: Direction,
  from: z.string(),
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
});

export const NoteItem = z.object({
  kind: z.literal("note"),
  ...base,
  body: z.string(),
  author: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The colleagues the note mentions (`@name`). */
  mentions: z.array(z.object({ id: z.number(), name: z.string() })).optional(),
});

export const EventItem = z.object({
  kind: z.literal("event"),
  ...base,
  type: z.string(),
  actor: TimelineActor,
  data: z.record(z.string(), z.unknown()).nullable(),
  /** Names of the staff `data` mentions (`from`/`to` of an assignment), by id. */
  names: z.record(z.string(), z.string()),
});

/** Everything on a thread's timeline, told apart by `kind`. */
export const TimelineItem = z.discriminatedUnion("kind", [
  MessageItem,
  CallItem,
  EmailItem,
  NoteItem,
  EventItem,
]);
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelineQuery = z.object({ cursor: Cursor.optional(), limit: PageLimit });

/**
 * A page of the timeline, oldest first. The first page is the newest items; `nextCursor` fetches the
 * page of items before them (scrolling back), null at the beginning of the thread.
 */
export const TimelineResponse = z.object({ items: z.array(TimelineItem), nextCursor: Cursor.nullable() });
export type TimelineResponse = z.infer<typeof TimelineResponse>;
