import { IdParams } from "@contract/common";
import type { Deps } from "@server/deps";
import { parseRange } from "@server/domain/media/byte-range";
import { getStoredMedia } from "@server/domain/messages/get-stored-media";
import { notFound } from "@server/errors";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

// A guest chose these bytes: whatever they are, they never run as a page of ours. The sandbox gives any
// document an opaque origin (no cookies, no API), default-src 'none' stops scripts and requests.
const MEDIA_CSP = "sandbox; default-src 'none'";

/**
 * Inbound attachments the media job stored (deps.mediaStore), for the inbox's previews; one byte range at
 * a time for audio and video players (206 Partial Content).
 */
export function messageMediaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/messages/:id/media",
      {
        schema: {
          description:
            "The stored attachment of an inbound message: images, audio, video and PDF (recognised from the file's bytes) inline, anything else as a download. Honours one `Range: bytes=…` (206 with Content-Range; 416 past the end).",
          params: IdParams,
        },
      },
      async (request, reply) => {
        reply.header("content-security-policy", MEDIA_CSP);
        reply.header("x-content-type-options", "nosniff");
        const media = await getStoredMedia(requestCtx(deps, request), deps.mediaStore, request.params.id);
        reply.header("cache-control", "private, max-age=3600");
        reply.header("accept-ranges", "bytes");
        reply.header(
          "content-disposition",
          `${media.inline ? "inline" : "attachment"}; filename="${media.filename}"`,
        );
        // Without validators to compare, a conditional range (If-Range) is answered with the whole file.
        const asked = request.headers["if-range"] ? undefined : request.headers.range;
        const wanted = parseRange(asked, media.size);
        if (wanted.kind === "unsatisfiable") {
          return reply
            .code(416)
            .header("content-range", `bytes */${media.size}`)
            .send({
              error: {
                code: "VALIDATION_FAILED",
                message: `range: not satisfiable, the file has ${media.size} bytes`,
              },
            });
        }
        const range = wanted.kind === "partial" ? wanted.range : undefined;
        const body = await deps.mediaStore.get(media.key, range);
        if (!body) throw notFound("media", request.params.id);
        if (range) {
          reply.code(206).header("content-range", `bytes ${range.start}-${range.end}/${media.size}`);
        }
        reply.header("content-length", range ? range.end - range.start + 1 : media.size);
        return reply.type(media.contentType).send(body);
      },
    );
  };
}
