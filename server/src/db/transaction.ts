import type { Ctx } from "@server/context";

/**
 * Runs fn in a transaction, or inside the caller's transaction when there already is one, so verbs
 * compose. afterCommit callbacks registered inside run only once the outermost transaction commits.
 */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.afterCommit) return fn(ctx);
  const afterCommit: Array<() => void> = [];
  const heldLocks = new Set<string>();
  const result = await ctx.db.transaction((db) => fn({ ...ctx, db, afterCommit, heldLocks }));
  for (const callback of afterCommit) {
    try {
      callback();
    } catch (err) {
      ctx.log.error({ err }, "afterCommit callback failed");
    }
  }
  return result;
}

/** Runs callback after the surrounding transaction commits, or now when there is none. */
export function onCommit(ctx: Ctx, callback: () => void): void {
  if (ctx.afterCommit) ctx.afterCommit.push(callback);
  else callback();
}
