import type { Ctx } from "@server/context";
import { apiKeyProperties, apiKeys, properties } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { validationFailed } from "@server/errors";
import { inArray } from "drizzle-orm";
import { generateApiKeyToken } from "./api-key-token";

export type CreateApiKeyInput = {
  name: string;
  role: "ADMIN" | "MANAGER" | "AGENT";
  /** Property codes the key may act on; ignored for ADMIN keys, which see every property. */
  propertyCodes?: string[];
  createdById?: number;
};

export type CreatedApiKey = {
  id: number;
  name: string;
  role: string;
  prefix: string;
  token: string;
  propertyIds: number[];
};

/** Creates an API key for a machine client; the token is returned once and only its hash is stored. */
export async function createApiKey(ctx: Ctx, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const { token, prefix, hash } = generateApiKeyToken();
  return withTransaction(ctx, async (tx) => {
    const codes = input.propertyCodes ?? [];
    const found = codes.length
      ? await tx.db.select().from(properties).where(inArray(properties.code, codes))
      : [];
    const missing = codes.filter((code) => !found.some((p) => p.code === code));
    if (missing.length) throw validationFailed("properties", `unknown property code ${missing.join(", ")}`);

    const [key] = await tx.db
      .insert(apiKeys)
      .values({
        name: input.name,
        role: input.role,
        prefix,
        keyHash: hash,
        createdById: input.createdById ?? null,
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
      details: { name: key.name, role: key.role },
    });
    return { id: key.id, name: key.name, role: key.role, prefix, token, propertyIds: found.map((p) => p.id) };
  });
}
