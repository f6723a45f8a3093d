import { IdParams } from "@contract/common";
import {
  CreateLabelBody,
  LabelListQuery,
  LabelListResponse,
  LabelResponse,
  UpdateLabelBody,
} from "@contract/labels";
import type { Deps } from "@server/deps";
import { deleteLabel } from "@server/domain/threads/delete-label";
import { listLabels } from "@server/domain/threads/list-labels";
import { saveLabel } from "@server/domain/threads/save-label";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Labels of properties: everyone lists those of their properties; managers and admins manage them. */
export function labelRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/labels",
      { schema: { querystring: LabelListQuery, response: { 200: LabelListResponse } } },
      async (request) => ({ labels: await listLabels(requestCtx(deps, request), request.query) }),
    );

    app.post(
      "/api/labels",
      { schema: { body: CreateLabelBody, response: { 201: LabelResponse } } },
      async (request, reply) => {
        const label = await saveLabel(requestCtx(deps, request), request.body);
        return reply.code(201).send({ label });
      },
    );

    app.patch(
      "/api/labels/:id",
      { schema: { params: IdParams, body: UpdateLabelBody, response: { 200: LabelResponse } } },
      async (request) => ({
        label: await saveLabel(requestCtx(deps, request), { labelId: request.params.id, ...request.body }),
      }),
    );

    app.delete("/api/labels/:id", { schema: { params: IdParams } }, async (request, reply) => {
      await deleteLabel(requestCtx(deps, request), { labelId: request.params.id });
      return reply.code(204).send();
    });
  };
}
