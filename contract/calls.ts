import { z } from "zod";
import { Direction } from "./channels";
import { Timestamp } from "./common";
import { CallItem, EmailItem } from "./timeline";

const CallStatus = z.enum(["ANSWERED", "MISSED", "BUSY", "FAILED", "VOICEMAIL"]);
export type CallStatus = z.infer<typeof CallStatus>;

/** A call reported by the telephony integration. `providerCallId` makes re-posting it a no-op. */
export const RecordCallBody = z.object({
  /** The guest's number, any common format. */
  phone: z.string().trim().min(1).max(40),
  direction: Direction,
  status: CallStatus,
  durationSeconds: z.number().int().min(0).max(86_400).optional(),
  recordingUrl: z.url().max(2000).optional(),
  startedAt: Timestamp,
  /** Our number that was called (inbound) or that called (outbound): routes a new thread. */
  hotelNumber: z.string().trim().max(40).optional(),
  provider: z.string().trim().max(50).optional(),
  providerCallId: z.string().trim().min(1).max(200).optional(),
});
export type RecordCallBody = z.infer<typeof RecordCallBody>;

/** An email reported by the email integration. `messageId` (RFC 5322 Message-ID) makes re-posting a no-op. */
export const RecordEmailBody = z.object({
  from: z.email(),
  fromName: z.string().trim().max(200).optional(),
  to: z.email(),
  subject: z.string().max(1000).optional(),
  body: z.string().max(200_000).optional(),
  direction: Direction,
  sentAt: Timestamp,
  messageId: z.string().trim().min(1).max(500).optional(),
});
export type RecordEmailBody = z.infer<typeof RecordEmailBody>;

export const RecordCallResponse = z.object({
  call: CallItem,
  threadId: z.number(),
  contactId: z.number(),
  /** True when this providerCallId was already recorded: nothing changed. */
  duplicate: z.boolean(),
});

export const RecordEmailResponse = z.object({
  email: EmailItem,
  threadId: z.number(),
  contactId: z.number(),
  duplicate: z.boolean(),
});
