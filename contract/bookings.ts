import { z } from "zod";
import { Timestamp } from "./common";

const IsoDate = z.iso.date();

export const BookingDto = z.object({
  id: z.number(),
  reference: z.string(),
  contactId: z.number().nullable(),
  propertyId: z.number(),
  guestName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  checkIn: IsoDate,
  checkOut: IsoDate,
  status: z.string(),
  updatedAt: Timestamp,
});
export type BookingDto = z.infer<typeof BookingDto>;

export const BookingParams = z.object({ reference: z.string().trim().min(1).max(100) });

/** What the booking system pushes; the guest's phone and/or email link (or create) the contact. */
export const UpsertBookingBody = z
  .object({
    guestName: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(40).optional(),
    email: z.email().optional(),
    propertyCode: z.string().trim().min(1),
    checkIn: IsoDate,
    checkOut: IsoDate,
    /** CONFIRMED, CHECKED_IN, CHECKED_OUT, CANCELLED, NO_SHOW … (CANCELLED and NO_SHOW never route threads). */
    status: z.string().trim().toUpperCase().min(1).max(40).default("CONFIRMED"),
  })
  .refine((b) => b.checkOut >= b.checkIn, { message: "checkOut is before checkIn", path: ["checkOut"] });
export type UpsertBookingBody = z.infer<typeof UpsertBookingBody>;

export const UpsertBookingResponse = z.object({ booking: BookingDto, created: z.boolean() });
