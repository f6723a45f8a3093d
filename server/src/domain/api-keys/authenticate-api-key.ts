import type { Actor, Ctx } from "@server/context";
import { apiKeyProperties, apiKeys } from "@server/db/schema/index";
import { and, eq, isNull, sql } from "drizzle-orm";
import { hashApiKeyToken, looksLikeApiKey } from "./api-key-token";

/** The actor behind a bearer API key, or undefined when the key is unknown or revoked. */
export async function authenticateApiKey(ctx: Ctx, token: string): Promise<Actor | undefined> {
  if (!looksLikeApiKey(token)) return undefined;
  const [key] = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKeyToken(token)), isNull(apiKeys.revokedAt)));
  if (!key) return undefined;
  const memberships = await ctx.db
    .select({ propertyId: apiKeyProperties.propertyId })
    .from(apiKeyProperties)
    .where(eq(apiKeyProperties.apiKeyId, key.id));
  // Last-used is informational; writing it at most once a minute keeps hot keys from rewriting a row per request.
  await ctx.db
    .update(apiKeys)
    .set({ lastUsedAt: ctx.now() })
    .where(
      and(
        eq(apiKeys.id, key.id),
        sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
  return {
    type: "apiKey",
    apiKeyId: key.id,
    role: key.role,
    propertyIds: key.role === "ADMIN" ? "all" : memberships.map((m) => m.propertyId),
  };
}
