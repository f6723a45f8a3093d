import { createReadStream } from "node:fs";
import path from "node:path";
import { IdParams } from "@contract/common";
import type { Deps } from "@server/deps";
import { getStoredMedia } from "@server/domain/messages/get-stored-media";
import { notFound } from "@server/errors";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Inbound attachments the media job stored under DATA_DIR/media, for the inbox's previews. */
export function messageMediaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/messages/:id/media",
      { schema: { description: "The stored attachment of an inbound message.", params: IdParams } },
      async (request, reply) => {
        const media = await getStoredMedia(requestCtx(deps, request), request.params.id);
        const root = path.resolve(deps.config.media.dir);
        const file = path.resolve(root, media.storagePath);
        if (!file.startsWith(root + path.sep)) throw notFound("media", request.params.id);
        reply.header("cache-control", "private, max-age=3600");
        reply.header(
          "content-disposition",
          media.filename ? `inline; filename="${safe(media.filename)}"` : "inline",
        );
        return reply.type(media.mimeType ?? "application/octet-stream").send(createReadStream(file));
      },
    );
  };
}

const safe = (filename: string) => filename.replace(/[^\w.\- ]/g, "_");
