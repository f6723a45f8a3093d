import { z } from "zod";

/**
 * POST /api/conversations: staff start (or continue) a conversation with a guest, named by one of
 * `contactId`, `phone` or `bookingId`. The property is the booking's when a booking is named.
 */
export const StartConversationBody = z
  .object({
    propertyId: z.number().int().positive().optional(),
    channel: z.enum(["WHATSAPP", "SMS"]),
    contactId: z.number().int().positive().optional(),
    /** Any common format; read in `country` (else DEFAULT_COUNTRY) when written without a country code. */
    phone: z.string().trim().min(1).max(40).optional(),
    /** ISO 3166 two-letter code of the country the number was typed for, e.g. IN. */
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "a two-letter country code such as IN")
      .optional(),
    /** A new guest's name (kept when the contact has none). */
    name: z.string().trim().max(200).optional(),
    bookingId: z.number().int().positive().optional(),
  })
  .refine((b) => [b.contactId, b.phone, b.bookingId].filter((v) => v !== undefined).length === 1, {
    message: "name the guest by exactly one of contactId, phone or bookingId",
    path: ["contactId"],
  })
  .refine((b) => b.propertyId !== undefined || b.bookingId !== undefined, {
    message: "is required (or name a booking, whose property is used)",
    path: ["propertyId"],
  });
export type StartConversationBody = z.infer<typeof StartConversationBody>;

export const StartConversationResponse = z.object({
  threadId: z.number(),
  contactId: z.number(),
  /** False when the guest's open (or recent) thread in that property was continued. */
  created: z.boolean(),
});
export type StartConversationResponse = z.infer<typeof StartConversationResponse>;
