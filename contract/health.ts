import { z } from "zod";

export const HealthResponse = z.object({
  status: z.literal("ok"),
  db: z.enum(["pglite", "postgres"]),
  version: z.string(),
  provider: z.enum(["gupshup", "simulator"]),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

const ReadyCheck = z.object({ ok: z.boolean(), detail: z.string().optional() });

export const ReadyResponse = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.record(z.string(), ReadyCheck),
});
export type ReadyResponse = z.infer<typeof ReadyResponse>;
