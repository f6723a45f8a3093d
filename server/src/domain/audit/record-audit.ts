import type { Actor, Ctx } from "@server/context";
import { auditLogs } from "@server/db/schema/index";

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string | number;
  propertyId?: number | null;
  outcome?: "SUCCESS" | "FAILURE" | "DENIED";
  details?: Record<string, unknown>;
  actorIp?: string;
  /** Overrides the context's actor, e.g. ANONYMOUS for a failed sign-in or the user who just signed in. */
  as?: { actorType: AuditActorType; actorId: number | null };
};

export type AuditActorType = "STAFF" | "API_KEY" | "SYSTEM" | "WEBHOOK" | "ANONYMOUS";

/** Appends one entry to the audit trail, in the caller's transaction when there is one. */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await recordAudits(ctx, [entry]);
}

/** recordAudit for many entries, with one statement. */
export async function recordAudits(ctx: Ctx, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await ctx.db.insert(auditLogs).values(
    entries.map((entry) => {
      const { actorType, actorId } = entry.as ?? describeActor(ctx.actor);
      return {
        actorType,
        actorId,
        actorIp: entry.actorIp ?? ctx.ip ?? null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId === undefined ? null : String(entry.targetId),
        propertyId: entry.propertyId ?? null,
        outcome: entry.outcome ?? "SUCCESS",
        details: entry.details ?? null,
        at: ctx.now(),
      };
    }),
  );
}

function describeActor(actor: Actor): { actorType: AuditActorType; actorId: number | null } {
  switch (actor.type) {
    case "staff":
      return { actorType: "STAFF", actorId: actor.staffUserId };
    case "apiKey":
      return { actorType: "API_KEY", actorId: actor.apiKeyId };
    case "webhook":
      return { actorType: "WEBHOOK", actorId: null };
    case "system":
      return { actorType: "SYSTEM", actorId: null };
  }
}
