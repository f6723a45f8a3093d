import { createReadStream } from "node:fs";
import { IdParams } from "@contract/common";
import type { Deps } from "@server/deps";
import { getStoredMedia } from "@server/domain/messages/get-stored-media";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

// A guest chose these bytes: whatever they are, they never run as a page of ours. The sandbox gives any
// document an opaque origin (no cookies, no API), default-src 'none' stops scripts and requests.
const MEDIA_CSP = "sandbox; default-src 'none'";

/** Inbound attachments the media job stored under DATA_DIR/media, for the inbox's previews. */
export function messageMediaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/messages/:id/media",
      {
        schema: {
          description:
            "The stored attachment of an inbound message: images, audio, video and PDF (recognised from the file's bytes) inline, anything else as a download.",
          params: IdParams,
        },
      },
      async (request, reply) => {
        reply.header("content-security-policy", MEDIA_CSP);
        reply.header("x-content-type-options", "nosniff");
        const media = await getStoredMedia(requestCtx(deps, request), request.params.id);
        reply.header("cache-control", "private, max-age=3600");
        reply.header(
          "content-disposition",
          `${media.inline ? "inline" : "attachment"}; filename="${media.filename}"`,
        );
        return reply.type(media.contentType).send(createReadStream(media.file));
      },
    );
  };
}
