import { z } from "zod";
import { Timestamp } from "./common";

const AssignmentPolicy = z.enum(["BOOKING_LINKED", "ALL"]);

export const PropertyDto = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  whatsappNumber: z.string().nullable(),
  assignmentPolicy: AssignmentPolicy,
  isDefault: z.boolean(),
  /** Attachments are deleted this many days after their thread is resolved; null keeps them forever. */
  mediaRetentionDays: z.number().int().nullable(),
  createdAt: Timestamp,
});
export type PropertyDto = z.infer<typeof PropertyDto>;

const timezone = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "not an IANA time zone such as Asia/Kolkata");

export const CreatePropertyBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, "letters, digits, - and _ only")
    .transform((c) => c.toUpperCase()),
  name: z.string().trim().min(1).max(200),
  timezone: timezone.optional(),
  /** The WhatsApp number guests write to at this property; any common format, stored as digits. */
  whatsappNumber: z.string().trim().min(1).max(40).nullable().optional(),
  assignmentPolicy: AssignmentPolicy.optional(),
  /** New threads that no booking or number routes go to the default property. */
  isDefault: z.boolean().optional(),
  /** Days after a thread is resolved before its attachments are deleted (1–3650); null keeps them. */
  mediaRetentionDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export type CreatePropertyBody = z.infer<typeof CreatePropertyBody>;

export const UpdatePropertyBody = CreatePropertyBody.omit({ code: true }).partial();
export type UpdatePropertyBody = z.infer<typeof UpdatePropertyBody>;

export const PropertyResponse = z.object({ property: PropertyDto });
export const PropertyListResponse = z.object({ properties: z.array(PropertyDto) });
