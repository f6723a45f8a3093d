import { createHash } from "node:crypto";
import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { validationFailed } from "@server/errors";
import { and, eq } from "drizzle-orm";
import type { MessageRow, SendMessageInput } from "./send-message";

// The Idempotency-Key of a send: scoped per caller, and tied to a hash of the request so that the same
// key with a different body is told apart from a retry.

/** The message an earlier request stored under this caller's key, if any. */
export async function findByIdempotencyKey(
  ctx: Ctx,
  scope: string,
  key: string,
): Promise<MessageRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(messageLogs)
    .where(and(eq(messageLogs.idempotencyScope, scope), eq(messageLogs.idempotencyKey, key)));
  return row;
}

/** Keys are per caller: two API keys (or staff members) may use the same key for different messages. */
export function idempotencyScope(ctx: Ctx, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw validationFailed("Idempotency-Key", "must be 1–255 visible ASCII characters (a UUID is ideal)");
  const actor = ctx.actor;
  if (actor.type === "apiKey") return `apiKey:${actor.apiKeyId}`;
  if (actor.type === "staff") return `staff:${actor.staffUserId}`;
  return `system:${actor.type === "system" ? (actor.job ?? "") : actor.provider}`;
}

export function hashRequest(input: SendMessageInput): string {
  const { idempotencyKey: _key, ...request } = input;
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}
