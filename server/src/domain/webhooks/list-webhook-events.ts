import type { WebhookEventStatus } from "@contract/webhook-events";
import type { Ctx } from "@server/context";
import { webhookEvents } from "@server/db/schema/index";
import { requireRole } from "@server/domain/access/property-scope";
import { and, desc, eq, lt } from "drizzle-orm";
import type { WebhookEvent } from "./lock-webhook-event";

/** Stored provider callbacks for admins, newest first, optionally of one status (keyset on id). */
export async function listWebhookEvents(
  ctx: Ctx,
  filter: { status?: WebhookEventStatus; cursor?: number; limit: number },
): Promise<{ events: WebhookEvent[]; nextCursor: number | null }> {
  requireRole(ctx, "ADMIN");
  const rows = await ctx.db
    .select()
    .from(webhookEvents)
    .where(
      and(
        filter.status ? eq(webhookEvents.status, filter.status) : undefined,
        filter.cursor !== undefined ? lt(webhookEvents.id, filter.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookEvents.id))
    .limit(filter.limit + 1);
  const events = rows.slice(0, filter.limit);
  const last = events.at(-1);
  return { events, nextCursor: rows.length > filter.limit && last ? last.id : null };
}
