import { StartConversationBody, StartConversationResponse } from "@contract/conversations";
import type { Deps } from "@server/deps";
import { startConversation } from "@server/domain/threads/start-conversation";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function conversationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/conversations",
      {
        schema: {
          body: StartConversationBody,
          response: { 200: StartConversationResponse, 201: StartConversationResponse },
        },
      },
      async (request, reply) => {
        const { thread, contactId, created } = await startConversation(
          requestCtx(deps, request),
          request.body,
        );
        return reply.code(created ? 201 : 200).send({ threadId: thread.id, contactId, created });
      },
    );
  };
}
