import type { Ctx } from "@server/context";
import { apiKeyProperties, apiKeys, properties } from "@server/db/schema/index";
import { requireRole } from "@server/domain/access/property-scope";
import { desc, eq } from "drizzle-orm";

export type ApiKeySummary = {
  id: number;
  name: string;
  role: "ADMIN" | "MANAGER" | "AGENT";
  prefix: string;
  propertyCodes: string[];
  createdById: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
};

/** Every API key, newest first, revoked ones included; never the key itself (only its prefix). */
export async function listApiKeys(ctx: Ctx): Promise<ApiKeySummary[]> {
  requireRole(ctx, "ADMIN");
  const keys = await ctx.db.select().from(apiKeys).orderBy(desc(apiKeys.id));
  const scopes = await ctx.db
    .select({ apiKeyId: apiKeyProperties.apiKeyId, code: properties.code })
    .from(apiKeyProperties)
    .innerJoin(properties, eq(properties.id, apiKeyProperties.propertyId));
  return keys.map((key) => ({
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    propertyCodes: scopes.filter((s) => s.apiKeyId === key.id).map((s) => s.code),
    createdById: key.createdById,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    expiresAt: key.expiresAt,
  }));
}
