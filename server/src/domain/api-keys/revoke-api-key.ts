import type { Ctx } from "@server/context";
import { apiKeys } from "@server/db/schema/index";
import { requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishAccessChange } from "@server/domain/realtime/publish-access-change";
import { AppError, notFound, validationFailed } from "@server/errors";
import { eq, like } from "drizzle-orm";

/**
 * Revokes an API key by id or by the prefix shown in lists; its next request answers 401 and its open
 * event streams close. Revoking a
 * revoked key changes nothing and is not an error (safe to retry).
 */
export async function revokeApiKey(
  ctx: Ctx,
  input: { id: number } | { prefix: string },
): Promise<{ id: number; alreadyRevoked: boolean }> {
  requireRole(ctx, "ADMIN");
  if ("prefix" in input && input.prefix.length < 8)
    throw validationFailed("prefix", "give at least 8 characters of the key prefix (e.g. chk_Ab12Cd)");
  const condition =
    "id" in input
      ? eq(apiKeys.id, input.id)
      : like(apiKeys.prefix, `${input.prefix.replace(/[%_\\]/g, "\\$&")}%`);
  const matches = await ctx.db.select().from(apiKeys).where(condition).limit(2);
  const label = "id" in input ? input.id : input.prefix;
  if (matches.length > 1) throw new AppError("CONFLICT", `prefix ${label} matches several keys; use the id`);
  const [key] = matches;
  if (!key) throw notFound("api key", label);
  if (key.revokedAt) return { id: key.id, alreadyRevoked: true };
  await ctx.db.update(apiKeys).set({ revokedAt: ctx.now() }).where(eq(apiKeys.id, key.id));
  await publishAccessChange(ctx, { apiKeyId: key.id });
  await recordAudit(ctx, {
    action: "api_key.revoked",
    targetType: "api_key",
    targetId: key.id,
    details: { name: key.name, prefix: key.prefix },
  });
  return { id: key.id, alreadyRevoked: false };
}
