import { IdParams } from "@contract/common";
import { DraftBody, DraftDto, DraftListResponse, DraftParams } from "@contract/composer";
import type { Deps } from "@server/deps";
import { listThreadDrafts } from "@server/domain/drafts/list-thread-drafts";
import { saveThreadDraft } from "@server/domain/drafts/save-thread-draft";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/** The signed-in person's unsent replies per thread and channel; nobody sees another's. */
export function draftRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/threads/:id/drafts",
      { schema: { params: IdParams, response: { 200: DraftListResponse } } },
      async (request) => ({ drafts: await listThreadDrafts(requestCtx(deps, request), request.params.id) }),
    );

    app.put(
      "/api/threads/:id/drafts/:channel",
      {
        schema: {
          description:
            "Saves the draft (last write wins); an empty one (no text, template or attachment) clears it (204).",
          params: DraftParams,
          body: DraftBody,
          response: { 200: z.object({ draft: DraftDto }), 204: z.null() },
        },
        config: { rateLimit: { perMinute: 600 } },
      },
      async (request, reply) => {
        const { id, channel } = request.params;
        const draft = await saveThreadDraft(requestCtx(deps, request), {
          threadId: id,
          channel,
          body: request.body,
        });
        return draft ? { draft } : reply.code(204).send(null);
      },
    );

    app.delete(
      "/api/threads/:id/drafts/:channel",
      { schema: { params: DraftParams, response: { 204: z.null() } } },
      async (request, reply) => {
        const { id, channel } = request.params;
        await saveThreadDraft(requestCtx(deps, request), { threadId: id, channel, body: undefined });
        return reply.code(204).send(null);
      },
    );
  };
}
