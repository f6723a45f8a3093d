import {
  BULK_MAX_THREADS,
  type BulkThreadAction,
  type BulkThreadFilter,
  type BulkThreadResult,
} from "@contract/thread-bulk";
import type { Ctx } from "@server/context";
import { assignThread } from "@server/domain/assignment/assign-thread";
import { recordAudit } from "@server/domain/audit/record-audit";
import { AccessDeniedError, AppError } from "@server/errors";
import type { z } from "zod";
import { changeThreadLabel } from "./change-thread-label";
import { listThreads } from "./list-threads";
import { markThreadRead } from "./mark-thread-read";
import { markThreadUnread } from "./mark-thread-unread";
import { setThreadPriority } from "./set-thread-priority";
import { setThreadStatus } from "./set-thread-status";

/**
 * Applies one action to many threads: each thread through the single-thread verb of the same name (its
 * own transaction, locks and rules), so one thread's refusal leaves the others done. Answers one result
 * per thread, in the order given; a thread the actor may not see or touch is an error result, never
 * skipped. `filter` selects what the inbox would list (at most 500, inbox order; `truncated` beyond).
 */
export async function applyBulkThreadAction(
  ctx: Ctx,
  input: { threadIds?: number[]; filter?: z.infer<typeof BulkThreadFilter> } & BulkThreadAction,
): Promise<{ results: BulkThreadResult[]; truncated: boolean }> {
  const { ids, truncated } = await selectedThreadIds(ctx, input);
  const results: BulkThreadResult[] = [];
  const denied: number[] = [];
  for (const threadId of ids) {
    try {
      await applyOne(ctx, threadId, input);
      results.push({ threadId, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err instanceof AccessDeniedError || err.code === "FORBIDDEN") denied.push(threadId);
      results.push({ threadId, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  if (denied.length > 0)
    await recordAudit(ctx, {
      action: "access.denied",
      outcome: "DENIED",
      targetType: "thread",
      details: { bulkAction: input.action, threadIds: denied.slice(0, 50), count: denied.length },
    });
  return { results, truncated };
}

async function selectedThreadIds(
  ctx: Ctx,
  input: { threadIds?: number[]; filter?: z.infer<typeof BulkThreadFilter> },
): Promise<{ ids: number[]; truncated: boolean }> {
  if (input.threadIds) return { ids: [...new Set(input.threadIds)], truncated: false };
  const { rows, nextCursor } = await listThreads(ctx, { ...input.filter, limit: BULK_MAX_THREADS });
  return { ids: rows.map((r) => r.thread.id), truncated: nextCursor !== null };
}

async function applyOne(ctx: Ctx, threadId: number, a: BulkThreadAction): Promise<void> {
  switch (a.action) {
    case "assign":
    case "transfer":
      await assignThread(ctx, { threadId, staffUserId: a.params.staffUserId });
      return;
    case "resolve":
      await setThreadStatus(ctx, { threadId, status: "RESOLVED" });
      return;
    case "reopen":
      await setThreadStatus(ctx, { threadId, status: "OPEN" });
      return;
    case "snooze": {
      const until = a.params?.snoozedUntil;
      await setThreadStatus(ctx, {
        threadId,
        status: "SNOOZED",
        snoozedUntil: until ? new Date(until) : null,
      });
      return;
    }
    case "label-add":
    case "label-remove":
      await changeThreadLabel(ctx, {
        threadId,
        labelId: a.params.labelId,
        change: a.action === "label-add" ? "add" : "remove",
      });
      return;
    case "priority":
      await setThreadPriority(ctx, { threadId, priority: a.params.priority });
      return;
    case "mark-read":
      await markThreadRead(ctx, { threadId });
      return;
    case "mark-unread":
      await markThreadUnread(ctx, { threadId });
      return;
  }
}
