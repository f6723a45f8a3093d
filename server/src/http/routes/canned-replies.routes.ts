import {
  type CannedReplyDto,
  CannedReplyListResponse,
  CannedReplyResponse,
  CreateCannedReplyBody,
  ListCannedRepliesQuery,
  RenderCannedReplyBody,
  RenderCannedReplyResponse,
  UpdateCannedReplyBody,
} from "@contract/canned-replies";
import { IdParams } from "@contract/common";
import type { Deps } from "@server/deps";
import { deleteCannedReply } from "@server/domain/canned-replies/delete-canned-reply";
import type { CannedReply } from "@server/domain/canned-replies/get-canned-reply";
import { listCannedReplies } from "@server/domain/canned-replies/list-canned-replies";
import { renderCannedReply } from "@server/domain/canned-replies/render-canned-reply";
import { saveCannedReply } from "@server/domain/canned-replies/save-canned-reply";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function cannedRepliesRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/canned-replies",
      { schema: { querystring: ListCannedRepliesQuery, response: { 200: CannedReplyListResponse } } },
      async (request) => ({
        cannedReplies: (await listCannedReplies(requestCtx(deps, request), request.query)).map(present),
      }),
    );

    app.post(
      "/api/canned-replies",
      { schema: { body: CreateCannedReplyBody, response: { 201: CannedReplyResponse } } },
      async (request, reply) => {
        const saved = await saveCannedReply(requestCtx(deps, request), { values: request.body });
        return reply.code(201).send({ cannedReply: present(saved) });
      },
    );

    app.patch(
      "/api/canned-replies/:id",
      { schema: { params: IdParams, body: UpdateCannedReplyBody, response: { 200: CannedReplyResponse } } },
      async (request) => {
        const ctx = requestCtx(deps, request);
        const saved = await saveCannedReply(ctx, { cannedReplyId: request.params.id, values: request.body });
        return { cannedReply: present(saved) };
      },
    );

    app.delete("/api/canned-replies/:id", { schema: { params: IdParams } }, async (request, reply) => {
      await deleteCannedReply(requestCtx(deps, request), { cannedReplyId: request.params.id });
      return reply.code(204).send();
    });

    app.post(
      "/api/canned-replies/:id/render",
      {
        schema: {
          params: IdParams,
          body: RenderCannedReplyBody,
          response: { 200: RenderCannedReplyResponse },
        },
      },
      async (request) =>
        renderCannedReply(requestCtx(deps, request), { cannedReplyId: request.params.id, ...request.body }),
    );
  };
}

function present(row: CannedReply): CannedReplyDto {
  return {
    id: row.id,
    propertyId: row.propertyId,
    title: row.title,
    shortcut: row.shortcut,
    texts: row.texts,
    usageCount: row.usageCount,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
