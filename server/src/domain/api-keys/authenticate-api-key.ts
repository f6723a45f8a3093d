import type { Actor, Ctx } from "@server/context";
import { apiKeyProperties, apiKeys } from "@server/db/schema/index";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import { hashApiKeyToken, looksLikeApiKey } from "./api-key-token";

const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor behind a bearer API key, or undefined when the key is unknown, revoked or expired. */
export async function authenticateApiKey(ctx: Ctx, token: string): Promise<Actor | undefined> {
  if (!looksLikeApiKey(token)) return undefined;
  const now = ctx.now();
  const [key] = await ctx.db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKeyToken(token)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ),
    );
  if (!key) return undefined;
  const memberships = await ctx.db
    .select({ propertyId: apiKeyProperties.propertyId })
    .from(apiKeyProperties)
    .where(eq(apiKeyProperties.apiKeyId, key.id));
  // Last-used is informational; writing it at most once a minute keeps hot keys from rewriting a row per request.
  await ctx.db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
        ),
      ),
    );
  return {
    type: "apiKey",
    apiKeyId: key.id,
    role: key.role,
    propertyIds: key.role === "ADMIN" ? "all" : memberships.map((m) => m.propertyId),
  };
}
