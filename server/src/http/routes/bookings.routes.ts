import { BookingParams, UpsertBookingBody, UpsertBookingResponse } from "@contract/bookings";
import type { Deps } from "@server/deps";
import { upsertBooking } from "@server/domain/bookings/upsert-booking";
import { requestCtx } from "@server/http/plugins/authenticate";
import { presentBooking } from "@server/presenters/booking";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** The booking system pushes bookings here: 201 when created, 200 when updated. */
export function bookingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      "/api/bookings/:reference",
      {
        schema: {
          params: BookingParams,
          body: UpsertBookingBody,
          response: { 200: UpsertBookingResponse, 201: UpsertBookingResponse },
        },
      },
      async (request, reply) => {
        const { booking, created } = await upsertBooking(
          requestCtx(deps, request),
          request.params.reference,
          request.body,
        );
        return reply.code(created ? 201 : 200).send({ booking: presentBooking(booking), created });
      },
    );
  };
}
