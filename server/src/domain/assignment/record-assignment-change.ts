import type { Ctx } from "@server/context";
import { recordAudits } from "@server/domain/audit/record-audit";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { recordThreadEvents } from "@server/domain/threads/record-thread-event";

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
  await recordAssignmentChanges(ctx, [change]);
}

/** recordAssignmentChange for many changes: one statement for their timeline events, one for the audit. */
export async function recordAssignmentChanges(ctx: Ctx, changes: AssignmentChange[]): Promise<void> {
  const described = changes.map((change) => {
    const { from, to, how } = change;
    const type = to === null ? "unassigned" : from === null ? "assigned" : "transferred";
    return { change, type, data: { from, to, how } } as const;
  });
  await recordThreadEvents(
    ctx,
    described.map(({ change, type, data }) => ({ threadId: change.threadId, type, data, at: change.at })),
  );
  await recordAudits(
    ctx,
    described.map(({ change, type, data }) => ({
      action: `thread.${type}`,
      targetType: "thread",
      targetId: change.threadId,
      propertyId: change.propertyId,
      details: data,
    })),
  );
  for (const { change } of described)
    await publishEvent(ctx, {
      type: "thread.assigned",
      propertyId: change.propertyId,
      threadId: change.threadId,
      payload: {
        threadId: change.threadId,
        assigneeId: change.to,
        previousAssigneeId: change.from,
        how: change.how,
      },
    });
}
