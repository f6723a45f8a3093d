import type { BookingDto } from "@contract/bookings";
import type { Booking } from "@server/domain/bookings/find-current-booking";

export function presentBooking(b: Booking): BookingDto {
  return {
    id: b.id,
    reference: b.reference,
    contactId: b.contactId,
    propertyId: b.propertyId,
    guestName: b.guestName,
    phone: b.phone,
    email: b.email,
    checkIn: b.checkIn,
    checkOut: b.checkOut,
    status: b.status,
    updatedAt: b.updatedAt.toISOString(),
  };
}
