import { IdParams } from "@contract/common";
import {
  ContactDetailResponse,
  ContactListQuery,
  ContactListResponse,
  ContactResponse,
  MergeContactBody,
  UpdateContactBody,
} from "@contract/contacts";
import type { Deps } from "@server/deps";
import { getContactDetail } from "@server/domain/contacts/get-contact-detail";
import { listContacts } from "@server/domain/contacts/list-contacts";
import { mergeContacts } from "@server/domain/contacts/merge-contacts";
import { updateContact } from "@server/domain/contacts/update-contact";
import { requestCtx } from "@server/http/plugins/authenticate";
import { presentBooking } from "@server/presenters/booking";
import { presentContact } from "@server/presenters/contact";
import { presentThreadRow } from "@server/presenters/thread";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function contactRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/contacts",
      { schema: { querystring: ContactListQuery, response: { 200: ContactListResponse } } },
      async (request) => {
        const page = await listContacts(requestCtx(deps, request), request.query);
        return { contacts: page.contacts.map(presentContact), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/contacts/:id",
      { schema: { params: IdParams, response: { 200: ContactDetailResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const detail = await getContactDetail(ctx, request.params.id);
        return {
          contact: presentContact(detail.contact),
          bookings: detail.bookings.map(presentBooking),
          threads: detail.threads.map((r) => presentThreadRow(r, ctx.now())),
        };
      },
    );

    app.patch(
      "/api/contacts/:id",
      { schema: { params: IdParams, body: UpdateContactBody, response: { 200: ContactResponse } } },
      async (request) => ({
        contact: presentContact(
          await updateContact(requestCtx(deps, request), request.params.id, request.body),
        ),
      }),
    );

    app.post(
      "/api/contacts/:id/merge",
      { schema: { params: IdParams, body: MergeContactBody, response: { 200: ContactResponse } } },
      async (request) => {
        const merged = await mergeContacts(requestCtx(deps, request), {
          contactId: request.params.id,
          intoContactId: request.body.intoContactId,
        });
        return { contact: presentContact(merged) };
      },
    );
  };
}
