import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";
import { selectThreadRows, type ThreadListRow } from "./select-thread-rows";

/** One thread as the inbox shows it, if the actor may see it; NOT_FOUND otherwise. */
export async function getThreadRow(ctx: Ctx, threadId: number): Promise<ThreadListRow> {
  const [row] = await selectThreadRows(ctx, eq(threads.id, threadId), 1);
  if (!row) throw notFound("thread", threadId);
  return row;
}
