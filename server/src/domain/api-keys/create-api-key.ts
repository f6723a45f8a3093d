import type { Ctx } from "@server/context";
import { apiKeyProperties, apiKeys } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { getPropertiesByCode } from "@server/domain/properties/get-properties-by-code";
import { validationFailed } from "@server/errors";
import { generateApiKeyToken } from "./api-key-token";
import type { ApiKeySummary } from "./list-api-keys";

export type CreateApiKeyInput = {
  name: string;
  role: "ADMIN" | "MANAGER" | "AGENT";
  /** Property codes the key may act on; ignored for ADMIN keys, which see every property. */
  propertyCodes?: string[];
  createdById?: number;
  /** When the key stops working; must lie in the future. Omitted: never. */
  expiresAt?: Date;
};

export type CreatedApiKey = ApiKeySummary & { token: string; propertyIds: number[] };

/** Creates an API key for a machine client; the token is returned once and only its hash is stored. */
export async function createApiKey(ctx: Ctx, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  requireRole(ctx, "ADMIN");
  if (input.expiresAt && !(input.expiresAt.getTime() > ctx.now().getTime()))
    throw validationFailed("expiresAt", "expiresAt must lie in the future");
  const { token, prefix, hash } = generateApiKeyToken();
  const createdById = input.createdById ?? (ctx.actor.type === "staff" ? ctx.actor.staffUserId : null);
  return withTransaction(ctx, async (tx) => {
    const codes = input.propertyCodes ?? [];
    const found = await getPropertiesByCode(tx, codes);

    const [key] = await tx.db
      .insert(apiKeys)
      .values({
        name: input.name,
        role: input.role,
        prefix,
        keyHash: hash,
        createdById,
        expiresAt: input.expiresAt ?? null,
      })
      .returning();
    if (!key) throw new Error("api key insert returned nothing");
    if (found.length) {
      await tx.db.insert(apiKeyProperties).values(found.map((p) => ({ apiKeyId: key.id, propertyId: p.id })));
    }
    await recordAudit(tx, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: key.id,
      details: {
        name: key.name,
        role: key.role,
        prefix,
        propertyCodes: codes,
        expiresAt: key.expiresAt?.toISOString() ?? null,
      },
    });
    return {
      id: key.id,
      name: key.name,
      role: key.role,
      prefix,
      token,
      propertyIds: found.map((p) => p.id),
      propertyCodes: found.map((p) => p.code),
      createdById: key.createdById,
      createdAt: key.createdAt,
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: key.expiresAt,
    };
  });
}
