import { z } from "zod";
import { BookingDto } from "./bookings";
import { Cursor, PageLimit, QueryText, Timestamp } from "./common";
import { ThreadRow } from "./threads";

export const ContactDto = z.object({
  id: z.number(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  whatsappOptedOut: z.boolean(),
  whatsappOptedOutAt: Timestamp.nullable(),
  /** When Gupshup answered "number not on WhatsApp" (1002); null when WhatsApp can reach the number. */
  whatsappUnreachableAt: Timestamp.nullable(),
  smsOptedOut: z.boolean(),
  smsOptedOutAt: Timestamp.nullable(),
  /** Meta's "stop marketing messages" (or error 131050): MARKETING templates are refused, nothing else. */
  marketingOptedOut: z.boolean(),
  /** When the guest stopped marketing messages (the provider's time); null unless marketingOptedOut. */
  marketingOptedOutAt: Timestamp.nullable(),
  /** The guest's language (en, hi, pt-br): canned replies pick their text by it. */
  language: z.string().nullable(),
  /** Staff notes about the guest (not shown to the guest). */
  notes: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  createdAt: Timestamp,
});
export type ContactDto = z.infer<typeof ContactDto>;

export const ContactListQuery = z.object({
  /** Name or email (substring, any case) or phone digits. */
  search: QueryText(200).optional(),
  cursor: Cursor.optional(),
  limit: PageLimit,
});
export const ContactListResponse = z.object({ contacts: z.array(ContactDto), nextCursor: Cursor.nullable() });
export type ContactListResponse = z.infer<typeof ContactListResponse>;

export const ContactDetailResponse = z.object({
  contact: ContactDto,
  bookings: z.array(BookingDto),
  threads: z.array(ThreadRow),
});
export type ContactDetailResponse = z.infer<typeof ContactDetailResponse>;

export const UpdateContactBody = z.object({
  name: z.string().trim().max(200).nullable().optional(),
  email: z.email().nullable().optional(),
  whatsappOptedOut: z.boolean().optional(),
  smsOptedOut: z.boolean().optional(),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, "a language code such as en, hi or pt-br")
    .nullable()
    .optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;

export const MergeContactBody = z.object({ intoContactId: z.number().int().positive() });

export const ContactResponse = z.object({ contact: ContactDto });
