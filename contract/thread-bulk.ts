import { z } from "zod";
import { Timestamp } from "./common";
import { ThreadPriority } from "./labels";
import { ThreadListQuery } from "./threads";

export const BULK_MAX_THREADS = 500;

/** "Select all matching": the inbox's filter, without paging. */
export const BulkThreadFilter = ThreadListQuery.omit({ cursor: true, limit: true, sort: true });

const NoParams = z.object({}).strict().optional();

/** What to do to each selected thread; each action is the single thread verb of the same name. */
export const BulkThreadAction = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("assign"),
    params: z.object({ staffUserId: z.number().int().positive().nullable() }),
  }),
  z.object({ action: z.literal("transfer"), params: z.object({ staffUserId: z.number().int().positive() }) }),
  z.object({ action: z.literal("resolve"), params: NoParams }),
  z.object({ action: z.literal("reopen"), params: NoParams }),
  z.object({
    action: z.literal("snooze"),
    params: z.object({ snoozedUntil: Timestamp.nullable().optional() }).optional(),
  }),
  z.object({ action: z.literal("label-add"), params: z.object({ labelId: z.number().int().positive() }) }),
  z.object({ action: z.literal("label-remove"), params: z.object({ labelId: z.number().int().positive() }) }),
  z.object({ action: z.literal("priority"), params: z.object({ priority: ThreadPriority }) }),
  z.object({ action: z.literal("mark-read"), params: NoParams }),
  z.object({ action: z.literal("mark-unread"), params: NoParams }),
]);
export type BulkThreadAction = z.infer<typeof BulkThreadAction>;

/** Either explicit ids (at most 500) or a filter; the action with its params. */
export const BulkThreadsBody = z
  .object({
    threadIds: z.array(z.number().int().positive()).min(1).max(BULK_MAX_THREADS).optional(),
    filter: BulkThreadFilter.optional(),
  })
  .and(BulkThreadAction)
  .refine((b) => (b.threadIds === undefined) !== (b.filter === undefined), {
    message: "give either threadIds or filter",
    path: ["threadIds"],
  });
export type BulkThreadsBody = z.infer<typeof BulkThreadsBody>;

export const BulkThreadResult = z.object({
  threadId: z.number(),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BulkThreadResult = z.infer<typeof BulkThreadResult>;

export const BulkThreadsResponse = z.object({
  results: z.array(BulkThreadResult),
  /** A filter matched more than 500 threads: only the first 500 (inbox order) were acted on. */
  truncated: z.boolean(),
});
export type BulkThreadsResponse = z.infer<typeof BulkThreadsResponse>;
