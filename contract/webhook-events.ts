import { z } from "zod";

export const WebhookEventStatus = z.enum(["RECEIVED", "PROCESSED", "FAILED", "IGNORED", "UNPARSEABLE"]);
export type WebhookEventStatus = z.infer<typeof WebhookEventStatus>;

export const WebhookEventQuery = z.object({
  /** Case-insensitive: `?status=failed` lists the parked events. */
  status: z.string().trim().toUpperCase().pipe(WebhookEventStatus).optional(),
  /** The nextCursor of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type WebhookEventQuery = z.infer<typeof WebhookEventQuery>;

/** A stored provider callback. `body` is the raw body as received (base64 when `bodyEncoding` says so). */
export const WebhookEventDto = z.object({
  id: z.number(),
  provider: z.string(),
  dedupeKey: z.string(),
  kind: z.string(),
  status: WebhookEventStatus,
  method: z.string(),
  contentType: z.string().nullable(),
  /** The query string without the webhook token. */
  query: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  sourceIp: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
  bodyEncoding: z.enum(["utf8", "base64"]),
  body: z.string(),
});
export type WebhookEventDto = z.infer<typeof WebhookEventDto>;

export const WebhookEventListResponse = z.object({
  events: z.array(WebhookEventDto),
  nextCursor: z.number().nullable(),
});

export const WebhookReplayResponse = z.object({
  event: WebhookEventDto,
  /** False when a processing job for the event was already queued or running. */
  queued: z.boolean(),
});
