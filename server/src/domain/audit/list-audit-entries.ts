import type { Ctx } from "@server/context";
import { auditLogs } from "@server/db/schema/index";
import { requireRole } from "@server/domain/access/property-scope";
import { and, desc, eq, gte, like, lt, lte, or, type SQL } from "drizzle-orm";
import type { AuditActorType } from "./record-audit";

export type AuditFilter = {
  /** An exact action, or a dotted prefix: `auth.login` matches `auth.login.failed`. */
  action?: string;
  actorType?: AuditActorType;
  actorId?: number;
  targetType?: string;
  targetId?: string;
  propertyId?: number;
  since?: Date;
  until?: Date;
  /** The nextCursor of the previous page. */
  cursor?: number;
  limit?: number;
};

export type AuditEntryRow = typeof auditLogs.$inferSelect;

/** The audit trail for admins, newest first, filtered, one page at a time (keyset on id). */
export async function listAuditEntries(
  ctx: Ctx,
  filter: AuditFilter,
): Promise<{ entries: AuditEntryRow[]; nextCursor: number | null }> {
  requireRole(ctx, "ADMIN");
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const conditions: Array<SQL | undefined> = [
    filter.action
      ? or(
          eq(auditLogs.action, filter.action),
          like(auditLogs.action, `${filter.action.replace(/[%_\\]/g, "\\$&")}.%`),
        )
      : undefined,
    filter.actorType ? eq(auditLogs.actorType, filter.actorType) : undefined,
    filter.actorId !== undefined ? eq(auditLogs.actorId, filter.actorId) : undefined,
    filter.targetType ? eq(auditLogs.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditLogs.targetId, filter.targetId) : undefined,
    filter.propertyId !== undefined ? eq(auditLogs.propertyId, filter.propertyId) : undefined,
    filter.since ? gte(auditLogs.at, filter.since) : undefined,
    filter.until ? lte(auditLogs.at, filter.until) : undefined,
    filter.cursor !== undefined ? lt(auditLogs.id, filter.cursor) : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(auditLogs)
    .where(and(...conditions))
    .orderBy(desc(auditLogs.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > limit && last ? last.id : null };
}
