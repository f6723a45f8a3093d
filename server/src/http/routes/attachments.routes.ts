import { IdParams } from "@contract/common";
import { AttachmentQuery, AttachmentResponse } from "@contract/composer";
import type { Deps } from "@server/deps";
import { createCtx } from "@server/deps";
import { findUploadByToken } from "@server/domain/uploads/find-upload-by-token";
import { storeAttachment } from "@server/domain/uploads/store-attachment";
import { notFound } from "@server/errors";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

// Whatever the bytes are, they never run as a page of ours (as for inbound media).
const MEDIA_CSP = "sandbox; default-src 'none'";

/**
 * Files attached in the composer: the upload (the raw file as the body, streamed into the media store)
 * and the unauthenticated URL the provider fetches it from, whose random token is the only key.
 */
export function attachmentRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // The body is the file itself, in any declared type (which is never trusted): the handler streams it.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));

    app.post(
      "/api/threads/:id/attachments",
      {
        schema: {
          description:
            "Upload a file for a WhatsApp reply: the raw bytes as the body, `?channel=WHATSAPP&filename=…`. Typed from its bytes: JPEG/PNG images up to 5 MB; PDF, Office, text and CSV documents up to 100 MB (and MEDIA_MAX_BYTES). SMS takes no files (400). Answers 201 with the attachment to name in the reply's `attachmentId`.",
          params: IdParams,
          querystring: AttachmentQuery,
          response: { 201: AttachmentResponse },
        },
        config: { rateLimit: { perMinute: 60 } },
      },
      async (request, reply) => {
        const length = Number(request.headers["content-length"]);
        const attachment = await storeAttachment(requestCtx(deps, request), deps.mediaStore, {
          threadId: request.params.id,
          channel: request.query.channel,
          filename: request.query.filename,
          body: request.raw,
          declaredLength: Number.isFinite(length) ? length : undefined,
        });
        return reply.code(201).send({ attachment });
      },
    );

    app.get(
      "/media/outbound/:file",
      { config: { public: true }, schema: { hide: true, params: z.object({ file: z.string().max(80) }) } },
      async (request, reply) => {
        reply.header("content-security-policy", MEDIA_CSP);
        reply.header("x-content-type-options", "nosniff");
        const ctx = createCtx(deps, { type: "system" }, { log: request.log });
        const upload = await findUploadByToken(ctx, request.params.file);
        const head = upload && (await deps.mediaStore.head(upload.storageKey));
        const body = upload && head && (await deps.mediaStore.get(upload.storageKey));
        if (!upload || !head || !body) throw notFound("media", request.params.file.slice(0, 12));
        reply.header("cache-control", "private, max-age=86400");
        reply.header(
          "content-disposition",
          `${upload.mediaType === "image" ? "inline" : "attachment"}; filename="${upload.filename}"`,
        );
        reply.header("content-length", head.size);
        return reply.type(upload.contentType).send(body);
      },
    );
  };
}
