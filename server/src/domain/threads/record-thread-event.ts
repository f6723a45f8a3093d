import type { Actor, Ctx } from "@server/context";
import { threadEvents } from "@server/db/schema/index";

/** What happened to a thread, shown on its timeline as a system event. */
export type ThreadEventType =
  | "created"
  | "assigned"
  | "unassigned"
  | "transferred"
  | "status_changed"
  | "reopened"
  | "snooze_ended"
  | "booking_linked"
  | "merged"
  | "label_added"
  | "label_removed"
  | "priority_changed"
  | "property_changed"
  | "csat_survey_sent"
  | "csat_survey_skipped"
  | "csat_rated"
  | "sla_breached";

export type ThreadEventInput = {
  threadId: number;
  type: ThreadEventType;
  data?: Record<string, unknown>;
  at?: Date;
};

/** Appends a system event to a thread's timeline, in the caller's transaction. */
export async function recordThreadEvent(ctx: Ctx, input: ThreadEventInput): Promise<void> {
  await recordThreadEvents(ctx, [input]);
}

/** recordThreadEvent for many events, with one statement. */
export async function recordThreadEvents(ctx: Ctx, inputs: ThreadEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { actorType, actorId } = timelineActor(ctx.actor);
  await ctx.db.insert(threadEvents).values(
    inputs.map((input) => ({
      threadId: input.threadId,
      type: input.type,
      actorType,
      actorId,
      data: input.data ?? null,
      createdAt: input.at ?? ctx.now(),
    })),
  );
}

/** How an actor is stored on a timeline row (events, retries): STAFF or API_KEY with its id, or SYSTEM. */
export function timelineActor(actor: Actor): {
  actorType: "STAFF" | "API_KEY" | "SYSTEM";
  actorId: number | null;
} {
  if (actor.type === "staff") return { actorType: "STAFF", actorId: actor.staffUserId };
  if (actor.type === "apiKey") return { actorType: "API_KEY", actorId: actor.apiKeyId };
  return { actorType: "SYSTEM", actorId: null };
}
