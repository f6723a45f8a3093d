import { z } from "zod";

/**
 * One Server-Sent Event from GET /api/events. `id` is the SSE event id (send it back as Last-Event-ID
 * to resume); `type` is `<entity>.<past-tense verb>`, one of the names in contract/realtime-events.ts,
 * which also gives each one's `payload` (TypedRealtimeEvent is this shape, typed per name).
 */
export const RealtimeEvent = z.object({
  id: z.number(),
  type: z.string(),
  propertyId: z.number().nullable(),
  threadId: z.number().nullable(),
  payload: z.unknown(),
  createdAt: z.string(),
});
export type RealtimeEvent = z.infer<typeof RealtimeEvent>;

/** Sent first on every connection: the id to resume from, and whether missed events had to be skipped. */
export const StreamReady = z.object({
  lastEventId: z.number(),
  /** True when more events were missed than can be replayed: refetch lists instead of patching them. */
  resync: z.boolean(),
});
export type StreamReady = z.infer<typeof StreamReady>;
