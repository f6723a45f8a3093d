import { z } from "zod";
import { StaffRole } from "./auth";
import { Timestamp } from "./common";

export const StaffDto = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  propertyIds: z.array(z.number()),
  isActive: z.boolean(),
  isAvailable: z.boolean(),
  maxOpenThreads: z.number().nullable(),
  createdAt: Timestamp,
});
export type StaffDto = z.infer<typeof StaffDto>;

export const CreateStaffBody = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: StaffRole.default("AGENT"),
  propertyIds: z.array(z.number().int().positive()).default([]),
  isActive: z.boolean().optional(),
  /** On shift: auto-assignment only gives threads to available staff. */
  isAvailable: z.boolean().optional(),
  /** Cap on unresolved threads auto-assigned to this person; null for none. */
  maxOpenThreads: z.number().int().min(0).max(10_000).nullable().optional(),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;

// Written out rather than CreateStaffBody.partial(): its defaults would reset omitted fields.
export const UpdateStaffBody = z.object({
  email: z
    .email()
    .transform((e) => e.toLowerCase())
    .optional(),
  name: z.string().trim().min(1).max(200).optional(),
  role: StaffRole.optional(),
  propertyIds: z.array(z.number().int().positive()).optional(),
  isActive: z.boolean().optional(),
  isAvailable: z.boolean().optional(),
  maxOpenThreads: z.number().int().min(0).max(10_000).nullable().optional(),
});
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const StaffResponse = z.object({ staff: StaffDto });
/** A new account or a reset: the temporary password, shown once; it must be changed at next sign-in. */
export const TemporaryPasswordResponse = z.object({ temporaryPassword: z.string() });
export const CreateStaffResponse = StaffResponse.extend(TemporaryPasswordResponse.shape);
export const StaffListResponse = z.object({ staff: z.array(StaffDto) });
