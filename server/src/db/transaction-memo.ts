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

// Values a batch read up front for the rest of its transaction, by kind and key.
const stashes = new WeakMap<object, Map<string, Map<string, unknown>>>();

/**
 * Keeps values a batch read up front (prepareInboundMessages: "this provider id is not stored yet",
 * "this guest's contact row") for the verbs that run later in the same transaction, by kind and key.
 * Nothing is kept outside a transaction.
 */
export function stashInTransaction<T>(ctx: Ctx, kind: string, entries: Iterable<readonly [string, T]>): void {
  if (!ctx.afterCommit) return;
  let byKind = stashes.get(ctx.afterCommit);
  if (!byKind) {
    byKind = new Map();
    stashes.set(ctx.afterCommit, byKind);
  }
  const stash = byKind.get(kind) ?? new Map<string, unknown>();
  for (const [key, value] of entries) stash.set(key, value);
  byKind.set(kind, stash);
}

/**
 * The value stashed under kind and key in this transaction, if any, taken out as it is read: a row
 * serves the first verb that asks, and any later one reads again, seeing what the transaction has
 * written since. `keep` leaves it for later readers, for facts the transaction itself cannot change.
 */
export function takeFromTransaction<T>(
  ctx: Ctx,
  kind: string,
  key: string,
  options: { keep?: boolean } = {},
): T | undefined {
  const stash = ctx.afterCommit && stashes.get(ctx.afterCommit)?.get(kind);
  if (!stash?.has(key)) return undefined;
  const value = stash.get(key) as T;
  if (!options.keep) stash.delete(key);
  return value;
}
