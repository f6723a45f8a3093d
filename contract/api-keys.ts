import { z } from "zod";
import { StaffRole } from "./auth";

export const CreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(100),
  role: StaffRole,
  /** Properties the key may act on; ignored for ADMIN keys, which see every property. */
  propertyCodes: z.array(z.string().trim().min(1).max(50)).max(200).default([]),
  /** When the key stops working (ISO 8601, in the future); omitted = never. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const ApiKeySummary = z.object({
  id: z.number(),
  name: z.string(),
  role: StaffRole,
  /** The key's first characters, to tell keys apart; never the key. */
  prefix: z.string(),
  propertyCodes: z.array(z.string()),
  createdById: z.number().nullable(),
  createdAt: z.iso.datetime(),
  /** Updated at most once a minute per key. */
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;

/** The key itself is in this answer only: it is stored hashed and cannot be shown again. */
export const CreatedApiKeyResponse = z.object({ apiKey: ApiKeySummary, key: z.string() });
export type CreatedApiKeyResponse = z.infer<typeof CreatedApiKeyResponse>;

export const ApiKeyListResponse = z.object({ apiKeys: z.array(ApiKeySummary) });
export type ApiKeyListResponse = z.infer<typeof ApiKeyListResponse>;
