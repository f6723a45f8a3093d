import { LabelColor, type ThreadLabel } from "@contract/labels";
import type { Ctx } from "@server/context";
import { labels, threadLabels } from "@server/db/schema/index";
import { asc, eq, inArray } from "drizzle-orm";

/** The labels of each of these threads, by name (asked for a page's threads after the page is chosen). */
export async function listThreadLabels(ctx: Ctx, threadIds: number[]): Promise<Map<number, ThreadLabel[]>> {
  const byThread = new Map<number, ThreadLabel[]>();
  if (threadIds.length === 0) return byThread;
  const rows = await ctx.db
    .select({ threadId: threadLabels.threadId, id: labels.id, name: labels.name, color: labels.color })
    .from(threadLabels)
    .innerJoin(labels, eq(labels.id, threadLabels.labelId))
    .where(inArray(threadLabels.threadId, threadIds))
    .orderBy(asc(labels.name), asc(labels.id));
  for (const r of rows) {
    const list = byThread.get(r.threadId) ?? [];
    list.push({ id: r.id, name: r.name, color: LabelColor.safeParse(r.color).data ?? "slate" });
    byThread.set(r.threadId, list);
  }
  return byThread;
}
