import type { Ctx } from "@server/context";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { recordThreadEvent } from "@server/domain/threads/record-thread-event";

export type AssignmentChange = {
  threadId: number;
  propertyId: number | null;
  from: number | null;
  to: number | null;
  /** How the change came about: a person (manual), round-robin, the reopen rule, or a move to another property. */
  how: "manual" | "round_robin" | "sticky" | "reopen_unassigned" | "deactivated" | "moved";
  /** When it happened on the timeline, if not now (a thread created for an earlier item). */
  at?: Date;
};

/** Writes one assignment change to the audit log, the thread's timeline and the realtime stream. */
export async function recordAssignmentChange(ctx: Ctx, change: AssignmentChange): Promise<void> {
  const { threadId, propertyId, from, to, how } = change;
  const type = to === null ? "unassigned" : from === null ? "assigned" : "transferred";
  const data = { from, to, how };
  await recordThreadEvent(ctx, { threadId, type, data, at: change.at });
  await recordAudit(ctx, {
    action: `thread.${type}`,
    targetType: "thread",
    targetId: threadId,
    propertyId,
    details: data,
  });
  await publishEvent(ctx, {
    type: "thread.assigned",
    propertyId,
    threadId,
    payload: { threadId, assigneeId: to, previousAssigneeId: from, how },
  });
}
