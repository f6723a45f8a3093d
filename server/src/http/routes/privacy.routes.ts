import { IdParams } from "@contract/common";
import { EraseContactBody, EraseContactResponse } from "@contract/privacy";
import type { Deps } from "@server/deps";
import { eraseContact } from "@server/domain/privacy/erase-contact";
import { exportContactData } from "@server/domain/privacy/export-contact-data";
import { writeExportZip } from "@server/domain/privacy/write-export-zip";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** A guest's right to see and erase their data: admins export a contact as a zip, or erase it. */
export function privacyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/contacts/:id/export",
      {
        schema: {
          description:
            "Everything held about a contact, as a zip: contact.json (contact, threads, messages with status history, calls, emails, notes, bookings, consent history, audit entries) and media/ (attachments). Admins only; audited.",
          params: IdParams,
        },
      },
      async (request, reply) => {
        const data = await exportContactData(requestCtx(deps, request), deps.mediaStore, request.params.id);
        reply.header("cache-control", "no-store");
        reply.header("content-disposition", `attachment; filename="contact-${request.params.id}-export.zip"`);
        return reply.type("application/zip").send(writeExportZip(data));
      },
    );

    app.post(
      "/api/contacts/:id/erase",
      {
        schema: {
          description:
            'Erases a contact for good: personal fields, message bodies and attachments are deleted or anonymised everywhere; conversations stay as anonymous counts. Admins only; body {"confirm":"ERASE"}.',
          params: IdParams,
          body: EraseContactBody,
          response: { 200: EraseContactResponse },
        },
      },
      async (request) => ({
        erased: await eraseContact(requestCtx(deps, request), deps.mediaStore, request.params.id),
      }),
    );
  };
}
