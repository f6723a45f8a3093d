import { ApiKeyListResponse, CreateApiKeyRequest, CreatedApiKeyResponse } from "@contract/api-keys";
import type { Deps } from "@server/deps";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { type ApiKeySummary, listApiKeys } from "@server/domain/api-keys/list-api-keys";
import { revokeApiKey } from "@server/domain/api-keys/revoke-api-key";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export function apiKeyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/api-keys",
      {
        config: { rateLimit: { perMinute: 30 } },
        schema: { body: CreateApiKeyRequest, response: { 201: CreatedApiKeyResponse } },
      },
      async (request, reply) => {
        const {
          token,
          propertyIds: _,
          ...created
        } = await createApiKey(requestCtx(deps, request), {
          ...request.body,
          expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : undefined,
        });
        return reply.code(201).send({ apiKey: present(created), key: token });
      },
    );

    app.get("/api/api-keys", { schema: { response: { 200: ApiKeyListResponse } } }, async (request) => ({
      apiKeys: (await listApiKeys(requestCtx(deps, request))).map(present),
    }));

    app.delete(
      "/api/api-keys/:id",
      { schema: { params: z.object({ id: z.coerce.number().int().positive() }) } },
      async (request, reply) => {
        await revokeApiKey(requestCtx(deps, request), { id: request.params.id });
        return reply.code(204).send();
      },
    );
  };
}

function present(key: ApiKeySummary) {
  return {
    ...key,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}
