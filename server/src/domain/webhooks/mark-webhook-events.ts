import type { Ctx } from "@server/context";
import { webhookEvents } from "@server/db/schema/index";
import { and, inArray, sql } from "drizzle-orm";

/** How a processed callback ends: PROCESSED, IGNORED or UNPARSEABLE, with the reason when there is one. */
export type WebhookEventMark = { id: number; status: string; note: string | null };

/** Marks many processed callbacks in one statement (one attempt more each, processed now). */
export async function markWebhookEvents(ctx: Ctx, marks: WebhookEventMark[]): Promise<void> {
  if (marks.length === 0) return;
  const now = ctx.now();
  await ctx.db
    .update(webhookEvents)
    .set({
      status: sql`v.status`,
      processedAt: now,
      attempts: sql`${webhookEvents.attempts} + 1`,
      lastError: sql`v.note`,
      updatedAt: now,
    })
    .from(sql`jsonb_to_recordset(${JSON.stringify(marks)}::jsonb) as v(id bigint, status text, note text)`)
    // The id list lets the planner see how few rows are meant: with the recordset alone it guesses 100
    // and, on a table growing faster than its statistics, scans the whole table.
    .where(
      and(
        sql`${webhookEvents.id} = v.id`,
        inArray(
          webhookEvents.id,
          marks.map((m) => m.id),
        ),
      ),
    );
}
