import type { Ctx } from "@server/context";

// Reads memoized for the rest of a transaction, keyed by its afterCommit list (shared by every ctx
// derived from the transaction's).
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `read()` once per transaction and `key`; outside a transaction, every call reads. For settings a
 * transaction consults again and again (a batch lane's many messages for one property: its SLA policy,
 * whether auto-replies are on). Later calls see what the first saw, as if the transaction had read
 * them all at that moment, so use it only for settings, never for rows the transaction may change.
 */
export function readOncePerTransaction<T>(ctx: Ctx, key: string, read: () => Promise<T>): Promise<T> {
  if (!ctx.afterCommit) return read();
  let memo = memos.get(ctx.afterCommit);
  if (!memo) {
    memo = new Map();
    memos.set(ctx.afterCommit, memo);
  }
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    memo.set(key, value);
  }
  return value;
}
