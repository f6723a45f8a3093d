import type { Ctx } from "@server/context";
import { templates } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { AppError } from "@server/errors";
import type { WhatsappProvider } from "@server/providers/channel-provider";
import { notInArray, sql } from "drizzle-orm";
import { countTemplateParams } from "./resolve-template";

export const SYNC_TEMPLATES_QUEUE = "sync-templates";

export type SyncTemplatesResult = { synced: number; removed: number };

/**
 * Copies the provider's WhatsApp templates into `templates` (upsert by provider template id); templates
 * the provider no longer lists are kept for history but marked DELETED so sends refuse them.
 * SERVICE_UNAVAILABLE when the provider does not answer with a list.
 */
export async function syncTemplates(ctx: Ctx, provider: WhatsappProvider): Promise<SyncTemplatesResult> {
  const listed = await provider.listTemplates();
  if (listed.kind !== "ok")
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      `the provider's template list failed: ${listed.code} ${listed.reason}`,
    );
  return withTransaction(ctx, async (tx) => {
    const now = tx.now();
    for (const t of listed.templates) {
      const row = {
        providerTemplateId: t.id,
        name: t.elementName,
        language: t.language || "en",
        category: t.category,
        body: t.body,
        paramCount: Math.max(t.paramCount, countTemplateParams(t.body)),
        headerType: t.templateType === "TEXT" ? null : t.templateType,
        status: t.status.toUpperCase(),
        channel: "WHATSAPP" as const,
        syncedAt: now,
        updatedAt: now,
      };
      await tx.db
        .insert(templates)
        .values({ ...row, createdAt: now })
        .onConflictDoUpdate({ target: templates.providerTemplateId, set: row });
    }
    const ids = listed.templates.map((t) => t.id);
    const removed = await tx.db
      .update(templates)
      .set({ status: "DELETED", updatedAt: now })
      .where(
        ids.length
          ? sql`${notInArray(templates.providerTemplateId, ids)} and ${templates.status} <> 'DELETED'`
          : sql`${templates.status} <> 'DELETED'`,
      )
      .returning({ id: templates.id });
    await recordAudit(tx, {
      action: "templates.synced",
      targetType: "templates",
      details: { synced: ids.length, removed: removed.length },
    });
    return { synced: ids.length, removed: removed.length };
  });
}
