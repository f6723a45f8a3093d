import type { Ctx } from "@server/context";
import { onCommit } from "@server/db/transaction";
import { ACCESS_CHANNEL } from "@server/realtime/channels";
import type { AccessChange } from "@server/realtime/event-bus";
import { sql } from "drizzle-orm";

/**
 * Tells every instance's open event streams that this staff member's or key's access ended or changed
 * (sign-out, deactivation, password reset, role or property change, key revocation), once the caller's
 * transaction commits: those streams check their credentials again at once and close when they no
 * longer hold. Not stored as a realtime event: it carries nothing for clients, and a stream that misses
 * it (an instance that lost its LISTEN connection) still checks again at its next heartbeat.
 */
export async function publishAccessChange(ctx: Ctx, change: AccessChange): Promise<void> {
  const value = "staffUserId" in change ? `staff:${change.staffUserId}` : `apiKey:${change.apiKeyId}`;
  // NOTIFY inside a transaction is delivered when it commits, like the local signal below.
  await ctx.db.execute(sql`select pg_notify(${ACCESS_CHANNEL}, ${`${ctx.bus.instanceId}:${value}`})`);
  onCommit(ctx, () => ctx.bus.notifyAccessChanged(change));
}

/** The change named by an ACCESS_CHANNEL value (`staff:<id>`, `apiKey:<id>`), or undefined. */
export function parseAccessChange(value: string): AccessChange | undefined {
  const [kind, rawId] = value.split(":");
  const id = Number(rawId);
  if (!Number.isSafeInteger(id)) return undefined;
  if (kind === "staff") return { staffUserId: id };
  if (kind === "apiKey") return { apiKeyId: id };
  return undefined;
}
