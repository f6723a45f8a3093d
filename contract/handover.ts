import { z } from "zod";

/** A colleague a thread can be handed to: name and availability only (agents see no emails or roles). */
export const AssignableStaff = z.object({
  id: z.number(),
  name: z.string(),
  /** On shift; an away colleague can still be given a thread by hand. */
  isAvailable: z.boolean(),
});
export type AssignableStaff = z.infer<typeof AssignableStaff>;

/** `GET /api/threads/:id/assignable-staff`: who the caller may assign this thread to, by name. */
export const AssignableStaffResponse = z.object({ staff: z.array(AssignableStaff) });
export type AssignableStaffResponse = z.infer<typeof AssignableStaffResponse>;

/** `POST /api/threads/:id/property` (managers, admins): move the thread to another property they can see. */
export const MoveThreadBody = z.object({ propertyId: z.number().int().positive() });
export type MoveThreadBody = z.infer<typeof MoveThreadBody>;
