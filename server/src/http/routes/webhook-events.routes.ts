import { WebhookEventListResponse, WebhookEventQuery, WebhookReplayResponse } from "@contract/webhook-events";
import type { Deps } from "@server/deps";
import { listWebhookEvents } from "@server/domain/webhooks/list-webhook-events";
import { replayWebhookEvent } from "@server/domain/webhooks/replay-webhook-event";
import { requestCtx } from "@server/http/plugins/authenticate";
import { presentWebhookEvent } from "@server/presenters/webhook-event";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export function webhookEventsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/webhook-events",
      {
        schema: {
          description:
            "Stored provider callbacks (ADMIN), newest first; `?status=failed` lists the parked ones.",
          querystring: WebhookEventQuery,
          response: { 200: WebhookEventListResponse },
        },
      },
      async (request) => {
        const page = await listWebhookEvents(requestCtx(deps, request), request.query);
        return { events: page.events.map(presentWebhookEvent), nextCursor: page.nextCursor };
      },
    );

    app.post(
      "/api/webhook-events/:id/replay",
      {
        schema: {
          description: "Processes a stored callback again from its raw body (ADMIN); audited.",
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: WebhookReplayResponse },
        },
      },
      async (request) => {
        const result = await replayWebhookEvent(requestCtx(deps, request), request.params.id);
        return { event: presentWebhookEvent(result.event), queued: result.queued };
      },
    );
  };
}
