import type { CreateCannedReplyBody, UpdateCannedReplyBody } from "@contract/canned-replies";
import { CANNED_REPLY_VARIABLES, variablesIn } from "@contract/canned-reply-variables";
import type { Ctx } from "@server/context";
import { cannedReplies, properties } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { assertPropertyAccess, requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { AppError, conflict, notFound } from "@server/errors";
import { and, eq, isNull, ne } from "drizzle-orm";
import { type CannedReply, getCannedReply } from "./get-canned-reply";

const KNOWN: ReadonlySet<string> = new Set(CANNED_REPLY_VARIABLES);

/**
 * Creates a canned reply (no `cannedReplyId`) or updates one. Managers for their properties, admins for
 * any and for chain-wide ones (propertyId null); agents only use them. Every `{{variable}}` must be a
 * known one (UNKNOWN_VARIABLE with the offending names); the shortcut is unique per scope (CONFLICT).
 */
export async function saveCannedReply(
  ctx: Ctx,
  input: { cannedReplyId?: number; values: CreateCannedReplyBody | UpdateCannedReplyBody },
): Promise<CannedReply> {
  const { values } = input;
  return withTransaction(ctx, async (tx) => {
    const existing = input.cannedReplyId
      ? await getCannedReply(tx, input.cannedReplyId, { forUpdate: true })
      : undefined;
    const propertyId = existing ? existing.propertyId : "propertyId" in values ? values.propertyId : null;
    assertMayManage(tx, propertyId ?? null, input.cannedReplyId);
    if (!existing && propertyId !== null && propertyId !== undefined) {
      const [property] = await tx.db
        .select({ id: properties.id })
        .from(properties)
        .where(eq(properties.id, propertyId));
      if (!property) throw notFound("property", propertyId);
    }
    if (values.texts) assertKnownVariables(values.texts);
    if (values.shortcut) {
      const [clash] = await tx.db
        .select({ id: cannedReplies.id })
        .from(cannedReplies)
        .where(
          and(
            eq(cannedReplies.shortcut, values.shortcut),
            propertyId ? eq(cannedReplies.propertyId, propertyId) : isNull(cannedReplies.propertyId),
            existing ? ne(cannedReplies.id, existing.id) : undefined,
          ),
        );
      if (clash)
        throw conflict(`the shortcut /${values.shortcut} is already used here`, { field: "shortcut" });
    }
    const { propertyId: _scope, ...fields } = values as CreateCannedReplyBody;
    const [row] = existing
      ? await tx.db
          .update(cannedReplies)
          .set({ ...fields, updatedAt: tx.now() })
          .where(eq(cannedReplies.id, existing.id))
          .returning()
      : await tx.db
          .insert(cannedReplies)
          .values({
            propertyId: propertyId ?? null,
            title: fields.title,
            shortcut: fields.shortcut,
            texts: fields.texts,
            createdById: tx.actor.type === "staff" ? tx.actor.staffUserId : null,
            createdAt: tx.now(),
            updatedAt: tx.now(),
          })
          // A concurrent save of the same shortcut loses on the unique index instead of a 500.
          .onConflictDoNothing()
          .returning();
    if (!row) throw conflict(`the shortcut /${values.shortcut} is already used here`, { field: "shortcut" });
    await recordAudit(tx, {
      action: existing ? "canned_reply.updated" : "canned_reply.created",
      targetType: "canned_reply",
      targetId: row.id,
      propertyId: row.propertyId,
      details: { fields: Object.keys(values) },
    });
    return row;
  });
}

/**
 * Agents never manage replies; managers only their properties' (another property's is NOT_FOUND, as
 * everywhere); chain-wide replies are administrators'.
 */
export function assertMayManage(ctx: Ctx, propertyId: number | null, cannedReplyId?: number): void {
  requireRole(ctx, "ADMIN", "MANAGER");
  if (propertyId === null) {
    requireRole(ctx, "ADMIN");
    return;
  }
  if (cannedReplyId === undefined) assertPropertyAccess(ctx, propertyId, "property", propertyId);
  else assertPropertyAccess(ctx, propertyId, "canned reply", cannedReplyId);
}

/** UNKNOWN_VARIABLE naming every `{{…}}` that is not one of CANNED_REPLY_VARIABLES, across languages. */
function assertKnownVariables(texts: Record<string, string>): void {
  const unknown = [
    ...new Set(
      Object.values(texts)
        .flatMap(variablesIn)
        .filter((name) => !KNOWN.has(name)),
    ),
  ];
  if (unknown.length)
    throw new AppError(
      "UNKNOWN_VARIABLE",
      `unknown variable${unknown.length > 1 ? "s" : ""}: ${unknown.map((n) => `{{${n}}}`).join(", ")}`,
      { field: "texts", unknownVariables: unknown, knownVariables: [...CANNED_REPLY_VARIABLES] },
    );
}
