import { z } from "zod";

export const StaffRole = z.enum(["ADMIN", "MANAGER", "AGENT"]);
export type StaffRole = z.infer<typeof StaffRole>;

/** Who the caller is, as the web app and machine clients see it. */
export const MeResponse = z.object({
  actor: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("staff"),
      staffUserId: z.number(),
      role: StaffRole,
      propertyIds: z.union([z.array(z.number()), z.literal("all")]),
    }),
    z.object({
      type: z.literal("apiKey"),
      apiKeyId: z.number(),
      role: StaffRole,
      propertyIds: z.union([z.array(z.number()), z.literal("all")]),
    }),
  ]),
});
export type MeResponse = z.infer<typeof MeResponse>;
