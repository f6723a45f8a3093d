import { z } from "zod";

export const StaffRole = z.enum(["ADMIN", "MANAGER", "AGENT"]);
export type StaffRole = z.infer<typeof StaffRole>;

export const LoginRequest = z.object({
  email: z.string().trim().min(1).max(254),
  // Longer than any valid password (≤ 128) so that an over-long guess is just a wrong password.
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const StaffProfile = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  properties: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  /** Signed in with a temporary password: the web app shows only the change-password screen. */
  mustChangePassword: z.boolean(),
});
export type StaffProfile = z.infer<typeof StaffProfile>;

/** Sign-in answer; the session itself travels in an HttpOnly cookie the web app cannot read. */
export const LoginResponse = z.object({ user: StaffProfile, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof LoginResponse>;

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
  /** Present for a signed-in staff member. */
  user: StaffProfile.optional(),
  /** Present for a cookie session: send it back in X-CSRF-Token on POST/PUT/PATCH/DELETE. */
  csrfToken: z.string().optional(),
  /** DEFAULT_COUNTRY: the country a phone number written without a country code is read in. */
  defaultCountry: z.string().optional(),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** POST /api/auth/password: a signed-in staff member changes their own password. */
export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
